package io.mailroom.imap.command;

import java.util.Locale;
import java.util.OptionalLong;

/** STORE sequence-set [+|-]FLAGS[.SILENT] flags; also UID STORE. */
public final class StoreParser {
  private StoreParser() {}

  static Command parse(ArgumentReader in, boolean uid) {
    in.sp();
    SequenceSet set = SequenceSet.parse(in.word());
    in.sp();
    OptionalLong unchangedSince = OptionalLong.empty();
    if (in.consume('(')) {
      // store-modifiers (RFC 4466); UNCHANGEDSINCE is the one we know (RFC 7162 3.1.3).
      String modifier = in.atom().toUpperCase(Locale.ROOT);
      if (!modifier.equals("UNCHANGEDSINCE")) {
        throw new SyntaxError("Unknown store modifier " + modifier);
      }
      in.sp();
      unchangedSince = OptionalLong.of(in.number());
      in.expect(')');
      in.sp();
    }
    Command.FlagMode mode = Command.FlagMode.REPLACE;
    if (in.consume('+')) {
      mode = Command.FlagMode.ADD;
    } else if (in.consume('-')) {
      mode = Command.FlagMode.REMOVE;
    }
    String item = in.atom().toUpperCase(Locale.ROOT);
    boolean silent;
    switch (item) {
      case "FLAGS" -> silent = false;
      case "FLAGS.SILENT" -> silent = true;
      default -> throw new SyntaxError("Expected FLAGS or FLAGS.SILENT");
    }
    in.sp();
    var flags = in.flagList(true);
    in.end();
    for (String flag : flags) {
      if (flag.equalsIgnoreCase("\\Recent") || flag.equals("\\*")) {
        throw new SyntaxError("Cannot store " + flag);
      }
    }
    return new Command.Store(
        uid, set, mode, silent, flags.stream().map(Flags::canonical).toList(), unchangedSince);
  }
}
