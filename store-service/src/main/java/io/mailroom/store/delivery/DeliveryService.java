package io.mailroom.store.delivery;

import io.mailroom.persistence.Transactions;
import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.account.Account;
import io.mailroom.store.account.StorageQuota;
import io.mailroom.store.account.Usernames;
import io.mailroom.store.config.StoreLimits;
import io.mailroom.store.delivery.RecipientOutcome.Delivered;
import io.mailroom.store.delivery.RecipientOutcome.NoSuchUser;
import io.mailroom.store.delivery.RecipientOutcome.OverQuota;
import io.mailroom.store.delivery.RecipientOutcome.TemporaryFailure;
import io.mailroom.store.delivery.RecipientOutcome.TooBig;
import io.mailroom.store.events.MailChange.MessageDelivered;
import io.mailroom.store.events.Outbox;
import io.mailroom.store.ingest.MessageSpool;
import io.mailroom.store.ingest.SpooledMessage;
import io.mailroom.store.mailbox.MailboxName;
import io.mailroom.store.message.Appended;
import io.mailroom.store.message.Flags;
import io.mailroom.store.message.MessageIngest;
import io.mailroom.store.persistence.AccountRows;
import io.mailroom.store.persistence.MailboxRows;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Mail from outside into a recipient's INBOX: LMTP (through {@link MailDelivery}), gRPC Deliver and
 * the admin REST API all end in {@link #deliver(Account, SpooledMessage, String, String)}.
 */
@ApplicationScoped
public class DeliveryService implements MailDelivery {
  private static final Logger LOG = Logger.getLogger(DeliveryService.class);

  private final Transactions tx;
  private final AccountRows accounts;
  private final MailboxRows mailboxes;
  private final MessageIngest ingest;
  private final Outbox outbox;
  private final StoreLimits limits;
  private final StorageQuota quota;

  DeliveryService(
      Transactions tx,
      AccountRows accounts,
      MailboxRows mailboxes,
      MessageIngest ingest,
      Outbox outbox,
      StoreLimits limits,
      StorageQuota quota) {
    this.tx = tx;
    this.accounts = accounts;
    this.mailboxes = mailboxes;
    this.ingest = ingest;
    this.outbox = outbox;
    this.limits = limits;
    this.quota = quota;
  }

  @Override
  public long maxMessageSize() {
    return limits.maxMessageSize();
  }

  @Override
  public Uni<Boolean> acceptsRecipient(String address) {
    return resolve(address).map(Optional::isPresent);
  }

  /** The account an address or bare username names: the username itself, else the local part. */
  public Uni<Optional<Account>> resolve(String address) {
    String bare = address.trim();
    if (bare.startsWith("<") && bare.endsWith(">")) {
      bare = bare.substring(1, bare.length() - 1);
    }
    List<String> candidates =
        bare.contains("@")
            ? List.of(bare, bare.substring(0, bare.lastIndexOf('@')))
            : List.of(bare);
    return lookup(candidates, 0);
  }

  private Uni<Optional<Account>> lookup(List<String> candidates, int i) {
    if (i >= candidates.size()) {
      return Uni.createFrom().item(Optional.empty());
    }
    String name = candidates.get(i);
    if (!Usernames.valid(name)) {
      return lookup(candidates, i + 1);
    }
    return tx.read(session -> accounts.byUsername(session, name))
        .chain(
            found ->
                found.isPresent()
                    ? Uni.createFrom().item(Optional.of(new Account(found.get().id(), name)))
                    : lookup(candidates, i + 1));
  }

  @Override
  public Uni<RecipientOutcome> deliver(DeliveryRequest request) {
    String recipient = request.recipient();
    return resolve(recipient)
        .chain(
            account -> {
              if (account.isEmpty()) {
                return Uni.createFrom().<RecipientOutcome>item(new NoSuchUser(recipient));
              }
              return spool(request)
                  .chain(
                      spooled ->
                          deliver(account.get(), spooled, request.mailFrom(), recipient)
                              .eventually(spooled::delete))
                  .map(a -> new Delivered(recipient, a.emailId()));
            })
        .onFailure()
        .recoverWithItem(e -> outcomeOf(recipient, e));
  }

  private static RecipientOutcome outcomeOf(String recipient, Throwable e) {
    Reason reason = e instanceof StoreFailure f ? f.reason() : null;
    if (reason == Reason.TOOBIG) {
      return new TooBig(recipient);
    }
    if (reason == Reason.OVERQUOTA) {
      return new OverQuota(recipient);
    }
    LOG.warnf("delivery to %s failed: %s", recipient, e.toString());
    return new TemporaryFailure(recipient);
  }

  private Uni<SpooledMessage> spool(DeliveryRequest request) {
    return Uni.createFrom()
        .item(
            () -> {
              try (MessageSpool spool = new MessageSpool(limits.maxMessageSize());
                  InputStream body = Files.newInputStream(request.body())) {
                spool.write(request.headerPrefix());
                spool.writeAll(body);
                return spool.finish();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  /**
   * Stores a spooled message in the account's INBOX and writes MessageDelivered. The content row
   * (with its full-text vector) goes in before the INBOX lock is taken, so concurrent deliveries
   * queue on the lock only for the quota check, the UID, the mailbox row and the event. Over quota
   * the transaction rolls back, content row included; the blob is left to the sweeper.
   */
  public Uni<Appended> deliver(
      Account account, SpooledMessage spooled, String mailFrom, String recipient) {
    return ingest
        .prepare(spooled)
        .chain(
            prepared ->
                tx.write(
                    session ->
                        ingest
                            .insertContent(session, prepared)
                            .chain(
                                content ->
                                    mailboxes
                                        .lockByName(session, account.id(), MailboxName.INBOX)
                                        .map(
                                            inbox ->
                                                inbox.orElseThrow(
                                                    () ->
                                                        new StoreFailure(
                                                            Reason.NOT_FOUND, "no INBOX")))
                                        .call(
                                            m -> quota.admit(session, account.id(), spooled.size()))
                                        .chain(
                                            m ->
                                                ingest
                                                    .insert(
                                                        session,
                                                        m,
                                                        content,
                                                        Flags.of(List.of()),
                                                        null)
                                                    .call(
                                                        a ->
                                                            outbox.write(
                                                                session,
                                                                account,
                                                                new MessageDelivered(
                                                                    m.pointer(),
                                                                    a.uid(),
                                                                    a.modseq(),
                                                                    a.emailId(),
                                                                    mailFrom,
                                                                    recipient)))))));
  }
}
