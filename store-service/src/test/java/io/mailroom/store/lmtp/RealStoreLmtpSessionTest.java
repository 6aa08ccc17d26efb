package io.mailroom.store.lmtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mailroom.store.StoreClient;
import io.mailroom.store.account.AccountService;
import io.mailroom.store.api.v1.MailEvent;
import io.mailroom.store.delivery.DeliveryRequest;
import io.mailroom.store.delivery.MailDelivery;
import io.mailroom.store.delivery.RecipientOutcome;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LMTP session scenarios against the real store: DeliveryService over PostgreSQL, S3 and the
 * outbox, accounts made over the admin API (AccountService), bob over his quota. What the store
 * delivered is read back as the store recorded it: the MessageDelivered event in the outbox
 * (envelope sender, recipient, email id) and the message a gateway then fetches from INBOX.
 */
@QuarkusTest
class RealStoreLmtpSessionTest
    implements SessionBasics, EnvelopeErrors, MessageData, RecipientOutcomes, SmtplibSession {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject Vertx vertx;
  @Inject MailDelivery store;
  @Inject AccountService accountService;
  @Inject Pool pool;

  @TempDir Path spool;
  private final SessionServers servers = new SessionServers();
  private Accounts accounts;

  /** Bob's INBOX before the test: the message that filled it, which no session delivered. */
  private Set<String> earlier;

  /**
   * The real store with a lower SIZE than its own limit, so that the scenarios' size limits take
   * kilobytes rather than 50 MiB to reach; every delivery is the real store's.
   */
  private record AdvertisingSize(MailDelivery store, long maxMessageSize) implements MailDelivery {
    @Override
    public Uni<Boolean> acceptsRecipient(String address) {
      return store.acceptsRecipient(address);
    }

    @Override
    public Uni<RecipientOutcome> deliver(DeliveryRequest request) {
      return store.deliver(request);
    }
  }

  /**
   * Fresh accounts for every test (the test database is shared and kept), made over the admin API.
   * Bob has a message in INBOX and then a quota of one octet: he is over it, and stays so.
   */
  @BeforeEach
  void createAccounts() {
    StoreClient alice = StoreClient.create("alice");
    StoreClient bob = StoreClient.create("bob");
    StoreClient carol = StoreClient.create("carol");
    bob.append("INBOX", StoreClient.message("fills the mailbox", "x"));
    bob.quota(1);
    assertThat(bob.usedBytes()).as("bob's usage").isGreaterThan(1);
    accounts =
        new Accounts(
            alice.username, bob.username, carol.username, StoreClient.uniqueUsername("nobody"));
    earlier = StoredInbox.byEmailId(bob.username).keySet();
  }

  @AfterEach
  void stopServers() throws Exception {
    servers.close();
  }

  @Override
  public Accounts accounts() {
    return accounts;
  }

  @Override
  public Path spool() {
    return spool;
  }

  @Override
  public int listen(LmtpConfig config, long maxSize) throws Exception {
    assertThat(maxSize).isLessThanOrEqualTo(store.maxMessageSize());
    return servers.listen(vertx, config, new AdvertisingSize(store, maxSize));
  }

  @Override
  public List<Delivered> deliveredTo(String username) {
    long accountId = accountService.get(username).await().atMost(WAIT).id();
    var inbox = StoredInbox.byEmailId(username);
    var delivered = new ArrayList<Delivered>();
    for (Row row :
        pool.preparedQuery("select event from outbox where account_id = $1 order by id")
            .execute(Tuple.of(accountId))
            .await()
            .atMost(WAIT)) {
      MailEvent event = parse(row.getBuffer("event").getBytes());
      if (event.hasMessageDelivered()) {
        var d = event.getMessageDelivered();
        assertThat(inbox).as("INBOX of %s", username).containsKey(d.getEmailId());
        delivered.add(
            new Delivered(
                d.getMailFrom(), d.getRecipient(), d.getEmailId(), inbox.get(d.getEmailId())));
      }
    }
    var expected = new ArrayList<String>();
    if (username.equals(accounts.bob())) {
      expected.addAll(earlier);
    }
    delivered.forEach(d -> expected.add(d.emailId()));
    assertThat(inbox.keySet())
        .as("INBOX of %s holds just what was delivered", username)
        .containsExactlyElementsOf(expected);
    return delivered;
  }

  private static MailEvent parse(byte[] event) {
    try {
      return MailEvent.parseFrom(event);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("outbox row is no MailEvent", e);
    }
  }
}
