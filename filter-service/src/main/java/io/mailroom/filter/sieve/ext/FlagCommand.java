package io.mailroom.filter.sieve.ext;

import java.util.Set;
import org.apache.jsieve.Arguments;
import org.apache.jsieve.Block;
import org.apache.jsieve.SieveContext;
import org.apache.jsieve.commands.AbstractBodyCommand;
import org.apache.jsieve.mail.MailAdapter;

/** setflag / addflag / removeflag on the internal variable (RFC 5232 3). Not an action. */
public abstract class FlagCommand extends AbstractBodyCommand {

  abstract void change(Set<String> variable, java.util.List<String> flags);

  @Override
  protected Object executeBasic(
      MailAdapter mail, Arguments arguments, Block block, SieveContext context) {
    var args = TaggedArguments.of(arguments, Set.of());
    change(SieveMessage.of(mail).internalFlags(), Flags.parse(args.lists().get(0)));
    return null;
  }

  @Override
  protected void validateArguments(Arguments arguments, SieveContext context) {
    // Checked when the script was compiled.
  }

  /** setflag: replaces the variable. */
  public static class Set_ extends FlagCommand {
    @Override
    void change(Set<String> variable, java.util.List<String> flags) {
      variable.clear();
      variable.addAll(flags);
    }
  }

  /** addflag: adds what is not there yet (IMAP flags compare case-insensitively). */
  public static class Add extends FlagCommand {
    @Override
    void change(Set<String> variable, java.util.List<String> flags) {
      var current = new java.util.ArrayList<>(variable);
      for (var flag : flags) {
        if (Flags.indexOf(current, flag) < 0) {
          current.add(flag);
        }
      }
      variable.clear();
      variable.addAll(current);
    }
  }

  /** removeflag. */
  public static class Remove extends FlagCommand {
    @Override
    void change(Set<String> variable, java.util.List<String> flags) {
      variable.removeIf(existing -> Flags.indexOf(flags, existing) >= 0);
    }
  }
}
