package io.mailroom.filter.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroom.filter.sieve.FilterAction.Discard;
import io.mailroom.filter.sieve.FilterAction.FileInto;
import io.mailroom.filter.sieve.FilterAction.Keep;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SieveEngineTest {
  private static final String MESSAGE =
      "From: Alice Example <alice@example.org>\r\n"
          + "To: bob@example.com, \"Carol\" <carol@lists.example.net>\r\n"
          + "Subject: =?UTF-8?Q?Your_invoice_n=C2=B0_42?=\r\n"
          + "X-Spam-Score: 7\r\n"
          + "Content-Type: multipart/alternative; boundary=b1\r\n"
          + "\r\n"
          + "--b1\r\n"
          + "Content-Type: text/plain; charset=utf-8\r\n"
          + "Content-Transfer-Encoding: quoted-printable\r\n"
          + "\r\n"
          + "Please pay the amount due=2E Project Apollo.\r\n"
          + "--b1\r\n"
          + "Content-Type: text/html\r\n"
          + "\r\n"
          + "<p>Please pay</p>\r\n"
          + "--b1--\r\n";

  private final SieveEngine engine = new SieveEngine();

  private static MessageView message() {
    var raw = MESSAGE.getBytes(StandardCharsets.UTF_8);
    var header = MESSAGE.substring(0, MESSAGE.indexOf("\r\n\r\n"));
    return new MessageView(
        MessageView.parseHeaderSection(header),
        "alice@example.org",
        "bob@example.com",
        raw.length,
        Optional.of(raw),
        Optional.of(Set.of("INBOX", "Invoices", "Sent")));
  }

  private List<FilterAction> run(String script) throws Exception {
    return engine.evaluate(engine.compile(script), message());
  }

  @Test
  void noScriptActionMeansImplicitKeep() throws Exception {
    assertThat(run("# nothing\n")).containsExactly(new Keep(List.of()));
  }

  @Test
  void headerContainsFilesIntoMailboxAndCancelsImplicitKeep() throws Exception {
    var actions =
        run(
            """
            require ["fileinto", "mailbox"];
            if header :contains "subject" "invoice" {
              fileinto :create "Invoices";
            }
            """);
    assertThat(actions).containsExactly(new FileInto("Invoices", false, true, List.of()));
  }

  @Test
  void encodedWordsAreDecodedBeforeMatching() throws Exception {
    assertThat(run("if header :is \"Subject\" \"Your invoice n° 42\" { discard; }"))
        .containsExactly(new Discard());
  }

  @Test
  void ifElsifElseAndMatchTypes() throws Exception {
    var script =
        """
        require "fileinto";
        if header :matches "subject" "*receipt*" { fileinto "A"; }
        elsif address :domain :is "to" "lists.example.net" { fileinto "Lists"; }
        else { fileinto "B"; }
        """;
    assertThat(run(script)).containsExactly(new FileInto("Lists", false, false, List.of()));
  }

  @Test
  void anyofAllofNotExistsSizeTrueFalse() throws Exception {
    var script =
        """
        require "fileinto";
        if allof (exists ["From", "To"], not exists "X-Nope", size :under 10K,
                  anyof (false, true), not size :over 1M) {
          fileinto "Matched";
        }
        """;
    assertThat(run(script)).containsExactly(new FileInto("Matched", false, false, List.of()));
  }

  @Test
  void comparators() throws Exception {
    assertThat(run("if header :comparator \"i;octet\" :is \"X-Spam-Score\" \"7\" { discard; }"))
        .containsExactly(new Discard());
    assertThat(
            run("if header :comparator \"i;octet\" :contains \"Subject\" \"INVOICE\" { discard; }"))
        .containsExactly(new Keep(List.of()));
    assertThat(
            run(
                "require \"comparator-i;ascii-numeric\";\n"
                    + "if header :comparator \"i;ascii-numeric\" :is \"X-Spam-Score\" \"007\""
                    + " { discard; }"))
        .containsExactly(new Discard());
  }

  @Test
  void envelopeTest() throws Exception {
    assertThat(
            run(
                "require \"envelope\";\n"
                    + "if envelope :localpart :is \"from\" \"alice\" { discard; }"))
        .containsExactly(new Discard());
  }

  @Test
  void bodyTestUsesDecodedTextParts() throws Exception {
    assertThat(
            run(
                "require [\"body\", \"fileinto\"];\n"
                    + "if body :text :contains \"amount due.\" { fileinto \"Bills\"; }"))
        .containsExactly(new FileInto("Bills", false, false, List.of()));
    assertThat(
            run(
                "require \"body\"; if body :content \"text/html\" :contains \"<p>\" { stop; } discard;"))
        .containsExactly(new Keep(List.of()));
    assertThat(run("require \"body\"; if body :raw :contains \"due=2E\" { discard; }"))
        .containsExactly(new Discard());
  }

  @Test
  void imap4flagsVariableAndFlagsTags() throws Exception {
    var script =
        """
        require ["imap4flags", "fileinto"];
        setflag "\\\\Seen";
        addflag ["$Work", "\\\\Flagged"];
        removeflag "\\\\Seen";
        if hasflag :is "$work" { fileinto "Work"; }
        fileinto :flags "\\\\Answered" "Other";
        """;
    assertThat(run(script))
        .containsExactly(
            new FileInto("Work", false, false, List.of("$Work", "\\Flagged")),
            new FileInto("Other", false, false, List.of("\\Answered")));
  }

  @Test
  void implicitKeepCarriesTheFlagsVariable() throws Exception {
    assertThat(run("require \"imap4flags\"; addflag \"$Important\";"))
        .containsExactly(new Keep(List.of("$Important")));
    assertThat(run("require \"imap4flags\"; keep :flags \"\\\\Seen\";"))
        .containsExactly(new Keep(List.of("\\Seen")));
  }

  @Test
  void copyKeepsTheImplicitKeep() throws Exception {
    assertThat(run("require [\"fileinto\", \"copy\"]; fileinto :copy \"Archive\";"))
        .containsExactly(new FileInto("Archive", true, false, List.of()), new Keep(List.of()));
  }

  @Test
  void mailboxExists() throws Exception {
    var script =
        "require [\"mailbox\", \"fileinto\"];\n"
            + "if mailboxexists \"Invoices\" { fileinto \"Invoices\"; }\n"
            + "if mailboxexists \"Nope\" { discard; }";
    assertThat(run(script)).containsExactly(new FileInto("Invoices", false, false, List.of()));
  }

  @Test
  void stopEndsTheScript() throws Exception {
    assertThat(run("stop; discard;")).containsExactly(new Keep(List.of()));
  }

  @Test
  void duplicateFileintoIsOne() throws Exception {
    assertThat(run("require \"fileinto\"; fileinto \"A\"; fileinto \"A\";"))
        .containsExactly(new FileInto("A", false, false, List.of()));
  }

  @Test
  void scriptWithoutBodyTestDoesNotNeedTheBody() throws Exception {
    var compiled = engine.compile("if header :contains \"subject\" \"x\" { discard; }");
    assertThat(compiled.needsBody()).isFalse();
    assertThat(engine.compile("require \"body\"; if body :contains \"x\" { discard; }").needsBody())
        .isTrue();
  }

  @Test
  void syntaxErrorCarriesLineAndColumn() {
    assertThatThrownBy(() -> engine.compile("keep;\nif true { keep; ]\n"))
        .isInstanceOfSatisfying(
            SieveCompileException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.column()).isEqualTo(17);
              assertThat(e.reason()).isEqualTo("syntax error: unexpected \"]\"");
            });
  }

  @Test
  void unterminatedStringIsALexicalErrorWithPosition() {
    assertThatThrownBy(() -> engine.compile("keep;\ndiscard \"oops;\n"))
        .isInstanceOfSatisfying(
            SieveCompileException.class, e -> assertThat(e.line()).isGreaterThanOrEqualTo(2));
  }

  @Test
  void unsupportedExtensionIsRefusedWithItsName() {
    assertThatThrownBy(() -> engine.compile("require [\"fileinto\", \"vacation\"];"))
        .isInstanceOfSatisfying(
            SieveCompileException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("unsupported extension \"vacation\"");
              assertThat(e.line()).isEqualTo(1);
              assertThat(e.column()).isEqualTo(22);
            });
  }

  @Test
  void extensionUsedWithoutRequireIsRefused() {
    assertThatThrownBy(() -> engine.compile("\n  fileinto \"x\";"))
        .isInstanceOfSatisfying(
            SieveCompileException.class,
            e -> {
              assertThat(e.reason()).contains("needs require \"fileinto\"");
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.column()).isEqualTo(3);
            });
    assertThatThrownBy(() -> engine.compile("require \"fileinto\"; fileinto :copy \"x\";"))
        .hasMessageContaining("needs require \"copy\"");
  }

  @Test
  void badArgumentsAreFoundWithoutRunning() {
    // The bad test sits in a branch that would never run.
    assertThatThrownBy(() -> engine.compile("if false { if size 10 { keep; } }"))
        .hasMessageContaining("size needs a size comparison tag");
    assertThatThrownBy(() -> engine.compile("if header :is \"a\" { keep; }"))
        .hasMessageContaining("header takes 2 argument(s)");
    assertThatThrownBy(() -> engine.compile("if header :bogus \"a\" \"b\" { keep; }"))
        .hasMessageContaining("unknown tag :bogus");
    assertThatThrownBy(() -> engine.compile("redirect \"a@b\";"))
        .hasMessageContaining("unknown command \"redirect\"");
    assertThatThrownBy(() -> engine.compile("if frobnicate { keep; }"))
        .hasMessageContaining("unknown test \"frobnicate\"");
    assertThatThrownBy(() -> engine.compile("keep; require \"fileinto\";"))
        .hasMessageContaining("require is only allowed at the start");
    assertThatThrownBy(() -> engine.compile("else { keep; }"))
        .hasMessageContaining("else without a preceding if");
    assertThatThrownBy(
            () -> engine.compile("if header :comparator \"i;ascii-numeric\" \"a\" \"1\" { keep; }"))
        .hasMessageContaining("needs require \"comparator-i;ascii-numeric\"");
    assertThatThrownBy(
            () ->
                engine.compile(
                    "require \"comparator-i;ascii-numeric\";\n"
                        + "if header :contains :comparator \"i;ascii-numeric\" \"a\" \"1\" { keep; }"))
        .hasMessageContaining("supports only :is");
    assertThatThrownBy(
            () -> engine.compile("require \"imap4flags\"; setflag \"var\" \"\\\\Seen\";"))
        .hasMessageContaining("setflag takes 1 argument(s)");
  }

  @Test
  void aTestThatFailsAtRuntimeIsReportedNotSwallowed() throws Exception {
    var compiled = engine.compile("require \"body\"; if body :contains \"x\" { discard; }");
    var withoutBody = new MessageView(List.of(), "", "", 10, Optional.empty(), Optional.empty());
    assertThatThrownBy(() -> engine.evaluate(compiled, withoutBody))
        .isInstanceOf(SieveRuntimeException.class)
        .hasMessageContaining("body was not fetched");
  }
}
