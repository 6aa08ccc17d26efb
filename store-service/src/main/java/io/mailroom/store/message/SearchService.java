package io.mailroom.store.message;

import io.mailroom.persistence.Transactions;
import io.mailroom.store.account.Account;
import io.mailroom.store.mailbox.MailboxAccess;
import io.mailroom.store.mailbox.MailboxRef;
import io.mailroom.store.persistence.MessageSearch;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** SEARCH: the key tree as one SQL query over the account's mailbox. */
@ApplicationScoped
public class SearchService {
  private final Transactions tx;
  private final MailboxAccess access;
  private final MessageSearch query;

  SearchService(Transactions tx, MailboxAccess access, MessageSearch query) {
    this.tx = tx;
    this.access = access;
    this.query = query;
  }

  public Uni<SearchHits> search(Account account, MailboxRef ref, SearchTerm term) {
    return tx.read(
        session ->
            access.read(session, account, ref).chain(m -> query.search(session, m.id(), term)));
  }
}
