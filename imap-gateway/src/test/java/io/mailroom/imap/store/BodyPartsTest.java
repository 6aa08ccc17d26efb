package io.mailroom.imap.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyPartsTest {
  static final String TEXT =
      "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 25 2)";
  static final String EMPTY = "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)";

  @Test
  void aSinglePartMessageHasOnlyPartOne() {
    var parts = BodyParts.of(TEXT);
    assertThat(parts.exists("")).isTrue();
    assertThat(parts.exists("1")).isTrue();
    assertThat(parts.exists("2")).isFalse();
    assertThat(parts.exists("5")).isFalse();
    assertThat(parts.exists("1.1")).isFalse();
  }

  @Test
  void multipartChildrenIncludingEmptyOnesAndNestedMultiparts() {
    String nested = "(" + TEXT + "(\"text\" \"html\" NIL NIL NIL \"7bit\" 9 1) \"alternative\")";
    var parts =
        BodyParts.of(
            "(" + nested + EMPTY + " \"mixed\" (\"boundary\" \"b\\\"q\") NIL (\"en\") \"loc\")");
    assertThat(parts.exists("1")).isTrue();
    assertThat(parts.exists("1.1")).isTrue();
    assertThat(parts.exists("1.2")).isTrue();
    assertThat(parts.exists("1.3")).isFalse();
    assertThat(parts.exists("2")).isTrue(); // exists although it has no octets
    assertThat(parts.exists("2.1")).isFalse();
    assertThat(parts.exists("3")).isFalse();
  }

  @Test
  void partsOfAMessageRfc822PartAreThoseOfTheMessageInside() {
    String envelope =
        "(\"Mon, 1 Jan 2024 10:00:00 +0000\" {4}\r\n(a)\" ((NIL NIL \"bob\" \"example.org\")) NIL"
            + " NIL NIL NIL NIL NIL \"<1@x>\")";
    String inner = "(" + TEXT + EMPTY + " \"mixed\")";
    String message =
        "(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 300 " + envelope + " " + inner + " 12)";
    var parts = BodyParts.of("(" + TEXT + message + " \"mixed\")");
    assertThat(parts.exists("2")).isTrue();
    assertThat(parts.exists("2.1")).isTrue();
    assertThat(parts.exists("2.2")).isTrue();
    assertThat(parts.exists("2.3")).isFalse();
    assertThat(parts.exists("2.1.1")).isFalse();

    String single =
        "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 30 " + envelope + " " + TEXT + " 3)";
    var wrapped = BodyParts.of("(" + TEXT + single + " \"mixed\")");
    assertThat(wrapped.exists("2.1")).isTrue();
    assertThat(wrapped.exists("2.2")).isFalse();
  }

  @Test
  void anUnreadableStructureLeavesTheAnswerToTheStore() {
    assertThat(BodyParts.of("").exists("7")).isTrue();
    assertThat(BodyParts.of(null).exists("7")).isTrue();
    assertThat(BodyParts.of("(\"text\" \"plain\"").exists("7")).isTrue();
    assertThat(BodyParts.of("garbage").exists("7")).isTrue();
  }
}
