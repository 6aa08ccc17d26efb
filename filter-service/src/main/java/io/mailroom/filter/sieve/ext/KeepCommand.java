package io.mailroom.filter.sieve.ext;

import io.mailroom.filter.sieve.FilterAction;
import java.util.List;
import java.util.Set;
import org.apache.jsieve.Arguments;
import org.apache.jsieve.Block;
import org.apache.jsieve.SieveContext;
import org.apache.jsieve.commands.AbstractActionCommand;
import org.apache.jsieve.mail.MailAdapter;

/** keep [:flags list]: RFC 5228 4.3 and RFC 5232 5. */
public class KeepCommand extends AbstractActionCommand {
  @Override
  protected Object executeBasic(
      MailAdapter mail, Arguments arguments, Block block, SieveContext context) {
    var args = TaggedArguments.of(arguments, Set.of(":flags"));
    var flags =
        args.values().containsKey(":flags")
            ? Flags.parse(args.values().get(":flags"))
            : List.copyOf(SieveMessage.of(mail).internalFlags());
    mail.addAction(new FilterAction.Keep(flags));
    return null;
  }

  @Override
  protected void validateArguments(Arguments arguments, SieveContext context) {
    // Checked when the script was compiled.
  }
}
