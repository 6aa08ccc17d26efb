package io.mailroom.filter.execution;

import io.mailroom.filter.sieve.CompiledScript;
import io.mailroom.filter.sieve.MessageView;
import io.mailroom.filter.store.MailboxKey;
import io.mailroom.filter.store.StoreClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Builds what a script may see of a stored message, fetching only what it needs: the header always,
 * the whole message only for a body test, the mailbox list only for mailboxexists.
 */
@ApplicationScoped
public class MessageReader {
  private final StoreClient store;

  MessageReader(StoreClient store) {
    this.store = store;
  }

  /** Empty when the message is no longer there. */
  public Uni<Optional<MessageView>> read(
      String account,
      MailboxKey mailbox,
      long uid,
      CompiledScript script,
      String envelopeFrom,
      String envelopeTo) {
    Uni<Optional<Set<String>>> mailboxes =
        script.needsMailboxes()
            ? store.mailboxNames(account).map(Optional::of)
            : Uni.createFrom().item(Optional.empty());
    return store
        .fetch(account, mailbox, uid, script.needsBody())
        .flatMap(
            fetched ->
                mailboxes.map(
                    names ->
                        fetched.map(
                            message ->
                                new MessageView(
                                    MessageView.parseHeaderSection(
                                        new String(message.header(), StandardCharsets.UTF_8)),
                                    envelopeFrom,
                                    envelopeTo,
                                    message.size(),
                                    message.whole(),
                                    names))));
  }
}
