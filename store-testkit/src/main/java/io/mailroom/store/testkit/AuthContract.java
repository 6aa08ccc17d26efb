package io.mailroom.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.client.StoreFailure.Reason;
import io.mailroom.store.client.auth.Credentials;
import io.mailroom.store.client.auth.Login;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Logins: passwords, SASL PLAIN, and credentials the store did not issue. */
public interface AuthContract extends ContractFixtures {
  @Test
  default void theRightPasswordLogsInAsPasswordAndAsSaslPlain() {
    String user = newAccount("right horse");
    Login login = login(user, "right horse");
    assertThat(login.username()).isEqualTo(user);
    assertThat(login.token()).isNotEmpty();
    byte[] plain = ("\0" + user + "\0right horse").getBytes(StandardCharsets.UTF_8);
    Login sasl =
        await(clients().auth().authenticate(new Credentials.SaslPlain(plain), ip(), "imap"));
    assertThat(sasl.username()).isEqualTo(user);
  }

  @Test
  default void aWrongPasswordAndAnUnknownUserFailForTheSameReason() {
    String user = newAccount("right horse");
    assertThat(failure(() -> loginUni(user, "wrong horse")))
        .isEqualTo(Reason.AUTHENTICATION_FAILED);
    assertThat(failure(() -> loginUni(user + "-nobody", "right horse")))
        .isEqualTo(Reason.AUTHENTICATION_FAILED);
  }

  @Test
  default void aTokenTheStoreDidNotIssueIsRefused() {
    String user = newAccount("pw");
    var forged = new Login(user, "forged-token");
    assertThat(failure(() -> clients().maildrop().lock(forged, "contract", 60)))
        .isEqualTo(Reason.AUTHENTICATION_FAILED);
  }
}
