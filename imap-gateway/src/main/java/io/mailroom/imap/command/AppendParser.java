package io.mailroom.imap.command;

import io.mailroom.imap.wire.Literal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** APPEND mailbox [flag-list] [date-time] literal. */
public final class AppendParser {
  private AppendParser() {}

  /** What precedes the message literal; known before the literal's bytes arrive. */
  public record Header(String mailbox, List<String> flags, Optional<OffsetDateTime> date) {}

  /** Reads "mailbox SP [flags SP] [date-time SP]" and stops before the literal. */
  public static Header header(ArgumentReader in) {
    in.sp();
    String mailbox = in.mailbox();
    in.sp();
    List<String> flags = List.of();
    if (in.peek() == '(') {
      flags = in.flagList(false);
      in.sp();
    }
    Optional<OffsetDateTime> date = Optional.empty();
    if (in.peek() == '"') {
      date =
          Optional.of(
              ImapDates.parseDateTime(new String(in.stringBytes(), StandardCharsets.US_ASCII)));
      in.sp();
    }
    if (in.peek() != '{') {
      throw new SyntaxError("Expected a message literal");
    }
    return new Header(mailbox, flags, date);
  }

  static Command parse(ArgumentReader in) {
    Header header = header(in);
    Literal message = in.literal();
    in.end();
    return new Command.Append(header.mailbox(), header.flags(), header.date(), message.size());
  }
}
