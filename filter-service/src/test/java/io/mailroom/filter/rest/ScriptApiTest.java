package io.mailroom.filter.rest;

import io.mailroom.filter.testing.TestState;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every test of the script API starts from: Sieve and mail bodies sent as text, the filter's
 * tables and the in-memory store reset, alice (secret) and bob (hunter2) in it.
 */
abstract class ScriptApiTest {
  @Inject TestState state;

  @BeforeAll
  static void encodeSieveAsText() {
    TestState.encodeMailTypesAsText();
  }

  @BeforeEach
  void reset() {
    state.reset();
  }
}
