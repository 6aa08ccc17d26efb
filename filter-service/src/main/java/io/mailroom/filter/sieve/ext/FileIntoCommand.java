package io.mailroom.filter.sieve.ext;

import io.mailroom.filter.sieve.FilterAction;
import java.util.List;
import java.util.Set;
import org.apache.jsieve.Arguments;
import org.apache.jsieve.Block;
import org.apache.jsieve.SieveContext;
import org.apache.jsieve.commands.AbstractBodyCommand;
import org.apache.jsieve.mail.MailAdapter;

/** fileinto [:copy] [:create] [:flags list] mailbox: RFC 5228 4.1, RFC 3894, 5490, 5232. */
public class FileIntoCommand extends AbstractBodyCommand {
  @Override
  protected Object executeBasic(
      MailAdapter mail, Arguments arguments, Block block, SieveContext context) {
    var args = TaggedArguments.of(arguments, Set.of(":flags"));
    var copy = args.tags().contains(":copy");
    var flags =
        args.values().containsKey(":flags")
            ? Flags.parse(args.values().get(":flags"))
            : List.copyOf(SieveMessage.of(mail).internalFlags());
    mail.addAction(
        new FilterAction.FileInto(
            args.lists().get(0).get(0), copy, args.tags().contains(":create"), flags));
    var state = context.getCommandStateManager();
    state.setHasActions(true);
    if (!copy) {
      // RFC 3894: only a fileinto without :copy cancels the implicit keep.
      state.setImplicitKeep(false);
    }
    return null;
  }

  @Override
  protected void validateArguments(Arguments arguments, SieveContext context) {
    // Checked when the script was compiled.
  }
}
