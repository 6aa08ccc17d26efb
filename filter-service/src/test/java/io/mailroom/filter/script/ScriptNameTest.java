package io.mailroom.filter.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScriptNameTest {
  @Test
  void acceptsOrdinaryNamesUpTo128Characters() {
    assertThat(new ScriptName("Vacation rules é").value()).isEqualTo("Vacation rules é");
    assertThat(ScriptName.problem("x".repeat(128))).isNull();
  }

  @Test
  void refusesEmptyLongSlashAndControlCharacters() {
    assertThat(ScriptName.problem("")).contains("empty");
    assertThat(ScriptName.problem("x".repeat(129))).contains("at most 128");
    assertThat(ScriptName.problem("a/b")).contains("\"/\"");
    assertThat(ScriptName.problem("a\r\nb")).contains("control");
    assertThat(ScriptName.problem("a\u0000")).contains("control");
    assertThat(ScriptName.problem("a\u0085")).contains("control");
    assertThatThrownBy(() -> new ScriptName("a/b"))
        .isInstanceOf(ScriptName.InvalidScriptName.class);
  }
}
