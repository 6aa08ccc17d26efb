package io.mailroom.pop3.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CommandParserTest {
  private final CommandParser parser = new CommandParser();

  private Command ok(String line) {
    Parsed parsed = parser.parse(line);
    assertThat(parsed).isInstanceOf(Parsed.Ok.class);
    return ((Parsed.Ok) parsed).command();
  }

  private String rejected(String line) {
    Parsed parsed = parser.parse(line);
    assertThat(parsed).isInstanceOf(Parsed.Rejected.class);
    return ((Parsed.Rejected) parsed).reason();
  }

  @Test
  void keywordsAreCaseInsensitive() {
    assertThat(ok("stat")).isEqualTo(new Command.Stat());
    assertThat(ok("Retr 3")).isEqualTo(new Command.Retr(3));
    assertThat(ok("top 2 10")).isEqualTo(new Command.Top(2, 10));
  }

  @Test
  void listAndUidlTakeAnOptionalNumber() {
    assertThat(ok("LIST")).isEqualTo(new Command.List(OptionalInt.empty()));
    assertThat(ok("LIST 7")).isEqualTo(new Command.List(OptionalInt.of(7)));
    assertThat(ok("UIDL")).isEqualTo(new Command.Uidl(OptionalInt.empty()));
    assertThat(ok("UIDL 2")).isEqualTo(new Command.Uidl(OptionalInt.of(2)));
  }

  @Test
  void passKeepsSpacesInsideThePassword() {
    assertThat(ok("PASS correct horse  battery"))
        .isEqualTo(new Command.Pass("correct horse  battery"));
    assertThat(ok("PASS s3cret").toString()).doesNotContain("s3cret");
  }

  @Test
  void authWithAndWithoutInitialResponse() {
    assertThat(ok("AUTH plain dGVzdA=="))
        .isEqualTo(new Command.Auth(Optional.of("PLAIN"), Optional.of("dGVzdA==")));
    assertThat(ok("AUTH PLAIN"))
        .isEqualTo(new Command.Auth(Optional.of("PLAIN"), Optional.empty()));
    assertThat(ok("AUTH")).isEqualTo(new Command.Auth(Optional.empty(), Optional.empty()));
  }

  @Test
  void badNumbersAreRejectedWithAReason() {
    assertThat(rejected("RETR")).contains("one message number");
    assertThat(rejected("RETR x")).isEqualTo("invalid message number");
    assertThat(rejected("RETR 0")).isEqualTo("invalid message number");
    assertThat(rejected("RETR -1")).isEqualTo("invalid message number");
    assertThat(rejected("DELE 99999999999999")).isEqualTo("invalid message number");
    assertThat(rejected("TOP 1")).contains("number of lines");
    assertThat(rejected("TOP 1 x")).isEqualTo("invalid number of lines");
    assertThat(rejected("LIST 1 2")).contains("at most one");
  }

  @Test
  void argumentsWhereNoneAreAllowed() {
    assertThat(rejected("STAT 1")).isEqualTo("STAT takes no arguments");
    assertThat(rejected("QUIT now")).isEqualTo("QUIT takes no arguments");
  }

  @Test
  void unknownAndEmptyCommands() {
    assertThat(rejected("HELO there")).isEqualTo("unknown command");
    assertThat(rejected("")).isEqualTo("empty command");
    assertThat(rejected("APOP alice 0123")).isEqualTo("APOP is not supported");
  }

  @Test
  void trailingSpacesAreTolerated() {
    assertThat(ok("STAT  ")).isEqualTo(new Command.Stat());
    assertThat(ok("DELE 1 ")).isEqualTo(new Command.Dele(1));
  }
}
