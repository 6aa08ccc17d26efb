package io.mailroom.store.mailbox;

import io.mailroom.persistence.Transactions;
import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.account.Account;
import io.mailroom.store.events.MailChange.MailboxCreated;
import io.mailroom.store.events.Outbox;
import io.mailroom.store.persistence.MailboxRows;
import io.mailroom.store.persistence.MessageRows;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The mailbox hierarchy of an account: LIST, CREATE, SUBSCRIBE, STATUS (DELETE is {@link
 * MailboxDeletion}, RENAME {@link MailboxRename}).
 */
@ApplicationScoped
public class MailboxService {
  private static final Set<String> SPECIAL_USES =
      Set.of("\\All", "\\Archive", "\\Drafts", "\\Flagged", "\\Junk", "\\Sent", "\\Trash");

  /** A LIST entry. */
  public record Listed(Mailbox mailbox, List<String> attributes) {}

  /** A STATUS answer. */
  public record Status(Mailbox mailbox, MailboxCounts counts) {}

  private final Transactions tx;
  private final MailboxRows mailboxes;
  private final MessageRows messages;
  private final Outbox outbox;

  MailboxService(Transactions tx, MailboxRows mailboxes, MessageRows messages, Outbox outbox) {
    this.tx = tx;
    this.mailboxes = mailboxes;
    this.messages = messages;
    this.outbox = outbox;
  }

  public Uni<List<Listed>> list(
      Account account, String reference, String pattern, boolean subscribedOnly) {
    MailboxPattern match = MailboxPattern.of(reference, pattern);
    return tx.read(session -> mailboxes.all(session, account.id()))
        .map(
            all -> {
              List<Listed> result = new ArrayList<>();
              for (Mailbox m : all) {
                if (!match.matches(m.name()) || subscribedOnly && !m.subscribed()) {
                  continue;
                }
                List<String> attributes = new ArrayList<>();
                boolean children =
                    all.stream()
                        .anyMatch(o -> o.name().startsWith(m.name() + MailboxName.DELIMITER));
                attributes.add(children ? "\\HasChildren" : "\\HasNoChildren");
                if (!m.selectable()) {
                  attributes.add("\\Noselect");
                }
                if (m.subscribed() && subscribedOnly) {
                  attributes.add("\\Subscribed");
                }
                if (m.specialUse() != null) {
                  attributes.add(m.specialUse());
                }
                result.add(new Listed(m, attributes));
              }
              return result;
            });
  }

  public Uni<Mailbox> create(Account account, String rawName, String specialUse) {
    String trimmed =
        rawName.endsWith(MailboxName.DELIMITER) && rawName.length() > 1
            ? rawName.substring(0, rawName.length() - 1)
            : rawName;
    MailboxName name = MailboxName.of(trimmed);
    String use = specialUse == null || specialUse.isEmpty() ? null : specialUse;
    if (use != null && !SPECIAL_USES.contains(use)) {
      throw new StoreFailure(Reason.CANNOT, "unknown special-use attribute " + use);
    }
    return tx.write(
        session ->
            createParents(session, account, name)
                .chain(() -> mailboxes.byName(session, account.id(), name.value()))
                .chain(
                    existing -> {
                      if (existing.isPresent() && existing.get().selectable()) {
                        throw new StoreFailure(Reason.ALREADYEXISTS, "mailbox exists");
                      }
                      if (existing.isPresent()) {
                        return reviveNoselect(session, existing.get());
                      }
                      return mailboxes
                          .insert(session, account.id(), name.value(), use, false)
                          .map(Optional::orElseThrow);
                    })
                .call(
                    created ->
                        outbox.write(session, account, new MailboxCreated(created.pointer()))));
  }

  /** Ensures that the ancestors of a name exist (CREATE and RENAME create parents). */
  public Uni<Void> createParents(Mutiny.Session session, Account account, MailboxName name) {
    return Multi.createFrom()
        .iterable(name.ancestors())
        .onItem()
        .transformToUniAndConcatenate(
            a ->
                mailboxes
                    .insert(session, account.id(), a.value(), null, false)
                    .call(
                        made ->
                            made.isPresent()
                                ? outbox.write(
                                    session, account, new MailboxCreated(made.get().pointer()))
                                : Uni.createFrom().voidItem()))
        .collect()
        .last()
        .replaceWithVoid();
  }

  /** A \Noselect name created again gets a new UIDVALIDITY: it is a new mailbox. */
  private Uni<Mailbox> reviveNoselect(Mutiny.Session session, Mailbox old) {
    return mailboxes
        .revive(session, old.id())
        .chain(() -> mailboxes.byId(session, old.accountId(), old.id()))
        .map(Optional::orElseThrow);
  }

  public Uni<Void> subscribe(Account account, String rawName, boolean subscribe) {
    MailboxName name = MailboxName.of(rawName);
    return tx.write(
        session ->
            mailboxes
                .byName(session, account.id(), name.value())
                .chain(
                    found ->
                        mailboxes.setSubscribed(
                            session,
                            found
                                .orElseThrow(
                                    () -> new StoreFailure(Reason.NONEXISTENT, "no such mailbox"))
                                .id(),
                            subscribe)));
  }

  public Uni<List<Status>> status(Account account, List<String> names) {
    if (names.size() > 1000) {
      throw new StoreFailure(Reason.BAD_REQUEST, "too many names");
    }
    return Multi.createFrom()
        .iterable(names)
        .onItem()
        .transformToUniAndConcatenate(
            raw -> {
              MailboxName name = MailboxName.of(raw);
              return tx.read(
                  session ->
                      mailboxes
                          .byName(session, account.id(), name.value())
                          .chain(
                              found -> {
                                Mailbox m =
                                    found.orElseThrow(
                                        () ->
                                            new StoreFailure(
                                                Reason.NONEXISTENT, "no such mailbox"));
                                if (!m.selectable()) {
                                  throw new StoreFailure(Reason.NOSELECT, "mailbox is \\Noselect");
                                }
                                return messages.counts(session, m).map(c -> new Status(m, c));
                              }));
            })
        .collect()
        .asList();
  }
}
