package io.mailroom.filter.store;

import io.mailroom.filter.config.FilterConfig;
import io.mailroom.store.client.StoreFailure;
import io.mailroom.store.client.auth.AuthClient;
import io.mailroom.store.client.auth.Caller;
import io.mailroom.store.client.auth.Credentials;
import io.mailroom.store.client.auth.ServiceCaller;
import io.mailroom.store.client.mailbox.MailboxClient;
import io.mailroom.store.client.mailbox.MailboxRef;
import io.mailroom.store.client.mailbox.MessageState;
import io.mailroom.store.client.mailbox.SelectClient;
import io.mailroom.store.client.message.CopySpec;
import io.mailroom.store.client.message.FetchClient;
import io.mailroom.store.client.message.FetchPart;
import io.mailroom.store.client.message.FetchSpec;
import io.mailroom.store.client.message.FetchSpec.Section;
import io.mailroom.store.client.message.FlagUpdate;
import io.mailroom.store.client.message.MessageUpdateClient;
import io.mailroom.store.client.message.UidSet;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The store as this service uses it, in filter records, over store-client. Account calls carry the
 * service credential and name the account; a failed call arrives as a {@link StoreFailure} (the one
 * error table) whose reason callers branch on.
 */
@ApplicationScoped
public class StoreClient {
  private final FetchClient fetch;
  private final MessageUpdateClient updates;
  private final MailboxClient mailboxes;
  private final SelectClient selection;
  private final AuthClient auth;
  private final FilterConfig config;

  StoreClient(
      FetchClient fetch,
      MessageUpdateClient updates,
      MailboxClient mailboxes,
      SelectClient selection,
      AuthClient auth,
      FilterConfig config) {
    this.fetch = fetch;
    this.updates = updates;
    this.mailboxes = mailboxes;
    this.selection = selection;
    this.auth = auth;
    this.config = config;
  }

  private Caller as(String account) {
    return new ServiceCaller(config.serviceToken().orElse(""), account);
  }

  private static MailboxRef ref(MailboxKey mailbox) {
    return new MailboxRef(mailbox.id(), mailbox.uidValidity());
  }

  /** The header section and, when {@code whole}, the whole message; empty if the UID is gone. */
  public Uni<Optional<FetchedMessage>> fetch(
      String account, MailboxKey mailbox, long uid, boolean whole) {
    var sections = whole ? List.of(Section.header(), Section.whole()) : List.of(Section.header());
    var spec = new FetchSpec(true, false, true, false, false, false, sections, false, 0);
    return fetch
        .fetch(as(account), ref(mailbox), UidSet.one(uid), spec)
        .collect()
        .asList()
        // A body stream has no deadline of its own in store-client; a filter must not hang on one.
        .ifNoItem()
        .after(config.execution().storeDeadline())
        .failWith(() -> new StoreFailure(StoreFailure.Reason.UNAVAILABLE, "store fetch timed out"))
        .map(parts -> assemble(uid, parts));
  }

  private static Optional<FetchedMessage> assemble(long uid, List<FetchPart> parts) {
    FetchPart.Meta meta = null;
    var sections = new HashMap<Integer, ByteArrayOutputStream>();
    for (var part : parts) {
      if (part.uid() != uid) {
        continue;
      }
      if (part instanceof FetchPart.Meta m) {
        meta = m;
      } else if (part instanceof FetchPart.Chunk chunk) {
        sections
            .computeIfAbsent(chunk.sectionIndex(), i -> new ByteArrayOutputStream())
            .writeBytes(chunk.data());
      }
    }
    if (meta == null) {
      return Optional.empty();
    }
    var header = sections.containsKey(0) ? sections.get(0).toByteArray() : new byte[0];
    var whole = Optional.ofNullable(sections.get(1)).map(ByteArrayOutputStream::toByteArray);
    return Optional.of(new FetchedMessage(uid, meta.size(), meta.flags(), header, whole));
  }

  /**
   * Copies (or moves) one message into the mailbox named {@code target}; answers its UID there,
   * empty when the store copied nothing (the message was gone).
   */
  public Uni<Optional<Long>> copy(
      String account,
      MailboxKey source,
      long uid,
      String target,
      boolean move,
      boolean create,
      List<String> flags,
      String idempotencyKey) {
    var spec = (move ? CopySpec.moveTo(target) : CopySpec.copyTo(target)).addingFlags(flags);
    if (create) {
      spec = spec.creatingTarget();
    }
    return updates
        .copy(as(account), ref(source), UidSet.one(uid), spec.once(idempotencyKey))
        .map(
            copied ->
                copied.targetUids().isEmpty()
                    ? Optional.empty()
                    : Optional.of(copied.targetUids().get(0)));
  }

  public Uni<Void> addFlags(
      String account, MailboxKey mailbox, long uid, List<String> flags, String idempotencyKey) {
    return updates
        .storeFlags(
            as(account), ref(mailbox), UidSet.one(uid), FlagUpdate.add(flags).once(idempotencyKey))
        .replaceWithVoid();
  }

  public Uni<Void> expunge(String account, MailboxKey mailbox, long uid, String idempotencyKey) {
    return updates
        .remove(as(account), ref(mailbox), UidSet.one(uid), idempotencyKey)
        .replaceWithVoid();
  }

  /** Every mailbox name of the account (for mailboxexists). */
  public Uni<Set<String>> mailboxNames(String account) {
    return mailboxes
        .list(as(account), "", "*", false)
        .map(
            list -> {
              var names = new LinkedHashSet<String>();
              for (var entry : list.entries()) {
                if (!entry.has("\\NonExistent")) {
                  names.add(entry.name());
                }
              }
              return names;
            });
  }

  /**
   * Opens a mailbox read-only (EXAMINE: claims no \Recent) and lists its UIDs; fails NONEXISTENT
   * when there is no such mailbox.
   */
  public Uni<MailboxSnapshot> examine(String account, String name) {
    return selection
        .select(as(account), name, true)
        .map(
            opened ->
                new MailboxSnapshot(
                    name,
                    new MailboxKey(opened.ref().mailboxId(), opened.ref().uidValidity()),
                    opened.messages().stream().map(MessageState::uid).toList()));
  }

  /** Checks a password; answers the canonical username, or empty when it is wrong. */
  public Uni<Optional<String>> authenticate(
      String username, String password, String remoteAddress, String protocol) {
    return authenticate(new Credentials.Password(username, password), remoteAddress, protocol);
  }

  /** Checks a SASL PLAIN message (RFC 4616) as the store understands it. */
  public Uni<Optional<String>> authenticatePlain(byte[] saslPlain, String remoteAddress) {
    return authenticate(new Credentials.SaslPlain(saslPlain), remoteAddress, "managesieve");
  }

  private Uni<Optional<String>> authenticate(
      Credentials credentials, String remoteAddress, String protocol) {
    return auth.authenticate(credentials, remoteAddress, protocol)
        .map(login -> Optional.of(login.username()))
        .onFailure(
            e ->
                e instanceof StoreFailure failure
                    && failure.reason() == StoreFailure.Reason.AUTHENTICATION_FAILED)
        .recoverWithItem(Optional.empty());
  }
}
