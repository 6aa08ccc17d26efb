package io.mailroom.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mailroom.store.client.StoreFailure;
import io.mailroom.store.client.StoreFailure.Reason;
import io.mailroom.store.client.auth.Credentials;
import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.mailbox.MailboxRef;
import io.mailroom.store.client.mailbox.OpenedMailbox;
import io.mailroom.store.client.maildrop.MaildropEntry;
import io.mailroom.store.client.maildrop.MaildropLock;
import io.mailroom.store.client.message.FetchPart;
import io.mailroom.store.client.message.FetchSpec;
import io.mailroom.store.client.message.FetchSpec.Section;
import io.mailroom.store.client.message.UidSet;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the contracts stand on: an implementation supplies fresh accounts, delivery into an INBOX,
 * and store-client's clients; the default methods are what the tests share (logins, mailboxes,
 * whole sections, failures as their reason). Each test makes its own accounts, so tests may share
 * one store (the real store's test database is shared and kept).
 */
public interface ContractFixtures {
  String WITH_CRLF = "From: bob@example.org\r\nSubject: with\r\n\r\nline 1\r\nline 2\r\n";
  String WITHOUT_CRLF = "Subject: without\r\n\r\nline 1\r\nno line end";

  /** Creates an account with this password; answers its username, unused so far in the store. */
  String newAccount(String password);

  /** Delivers {@code message} into the account's INBOX, as LMTP would. */
  void deliver(String username, byte[] message);

  /** store-client's clients, connected to the store under test. */
  StoreClients clients();

  /** A new account logged in, with messages delivered: its INBOX and what the listing shows. */
  record Filled(Login login, MailboxRef inbox, List<MaildropEntry> listing) {
    long uid(int index) {
      return listing.get(index).uid();
    }
  }

  default Filled accountWith(String... messages) {
    String user = newAccount("pw");
    for (String message : messages) {
      deliver(user, bytes(message));
    }
    Login login = login(user, "pw");
    return new Filled(login, inbox(login), listing(login));
  }

  default Login login(String user, String password) {
    return await(loginUni(user, password));
  }

  default Uni<Login> loginUni(String user, String password) {
    return clients().auth().authenticate(new Credentials.Password(user, password), ip(), "pop3");
  }

  /** The INBOX, as a POP3 session learns it: from its lock. */
  default MailboxRef inbox(Login login) {
    var maildrop = clients().maildrop();
    MaildropLock lock = await(maildrop.lock(login, "contract", 60));
    await(maildrop.release(login, lock));
    return lock.inbox();
  }

  default List<MaildropEntry> listing(Login login) {
    var maildrop = clients().maildrop();
    MaildropLock lock = await(maildrop.lock(login, "contract", 60));
    try {
      return await(maildrop.listing(login, lock));
    } finally {
      await(maildrop.release(login, lock));
    }
  }

  /** SELECT (read-write) or EXAMINE. */
  default OpenedMailbox select(Login login, String name, boolean readOnly) {
    return await(clients().select().select(login, name, readOnly));
  }

  default String section(Login login, MailboxRef mailbox, long uid, Section section) {
    return new String(await(sectionUni(login, mailbox, uid, section)), StandardCharsets.UTF_8);
  }

  default Uni<byte[]> sectionUni(Login login, MailboxRef mailbox, long uid, Section section) {
    Multi<byte[]> chunks = clients().fetch().section(login, mailbox, uid, section);
    return chunks
        .collect()
        .in(ByteArrayOutputStream::new, (out, chunk) -> out.writeBytes(chunk))
        .map(ByteArrayOutputStream::toByteArray);
  }

  /** The metadata FETCH gives of one message for this spec. */
  default FetchPart.Meta meta(Login login, MailboxRef mailbox, long uid, FetchSpec spec) {
    List<FetchPart> parts =
        await(clients().fetch().fetch(login, mailbox, UidSet.one(uid), spec).collect().asList());
    return parts.stream()
        .filter(FetchPart.Meta.class::isInstance)
        .map(FetchPart.Meta.class::cast)
        .findFirst()
        .orElseThrow();
  }

  default List<String> flags(Login login, MailboxRef mailbox, long uid) {
    var spec = new FetchSpec(true, false, false, false, false, false, List.of(), false, 0);
    return meta(login, mailbox, uid, spec).flags();
  }

  default Reason failure(Supplier<Uni<?>> call) {
    Throwable thrown = catchThrowable(() -> await(call.get()));
    assertThat(thrown).isInstanceOf(StoreFailure.class);
    return ((StoreFailure) thrown).reason();
  }

  default <T> T await(Uni<T> uni) {
    return uni.await().atMost(Duration.ofSeconds(30));
  }

  default byte[] bytes(String message) {
    return message.getBytes(StandardCharsets.UTF_8);
  }

  default String ip() {
    return "192.0.2.1";
  }
}
