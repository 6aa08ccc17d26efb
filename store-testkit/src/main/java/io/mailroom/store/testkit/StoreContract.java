package io.mailroom.store.testkit;

/**
 * What every store must do for its callers, checked through store-client as a gateway calls it:
 * every area's contract at once. Implemented once for the in-memory store and once for the real
 * store-service; where they disagree, the real one is right (unless RFC 3501 says otherwise).
 */
public interface StoreContract
    extends AuthContract,
        MaildropContract,
        FetchContract,
        MailboxContract,
        SelectContract,
        AppendCopyMoveContract,
        SearchContract,
        QuotaContract {}
