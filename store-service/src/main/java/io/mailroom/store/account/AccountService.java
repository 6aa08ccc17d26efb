package io.mailroom.store.account;

import io.mailroom.persistence.Transactions;
import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.auth.PasswordHasher;
import io.mailroom.store.auth.SessionToken;
import io.mailroom.store.auth.TokenSigner;
import io.mailroom.store.events.MailChange.MailboxCreated;
import io.mailroom.store.events.Outbox;
import io.mailroom.store.persistence.AccountRows;
import io.mailroom.store.persistence.ContentRows;
import io.mailroom.store.persistence.MailboxRows;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts: creation with the default mailboxes, passwords, storage quotas, authentication,
 * deletion.
 */
@ApplicationScoped
public class AccountService {
  private static final int MAX_PASSWORD = 1024;

  private final Transactions tx;
  private final AccountRows accounts;
  private final MailboxRows mailboxes;
  private final ContentRows contents;
  private final PasswordHasher hasher;
  private final TokenSigner tokens;
  private final Outbox outbox;

  AccountService(
      Transactions tx,
      AccountRows accounts,
      MailboxRows mailboxes,
      ContentRows contents,
      PasswordHasher hasher,
      TokenSigner tokens,
      Outbox outbox) {
    this.tx = tx;
    this.accounts = accounts;
    this.mailboxes = mailboxes;
    this.contents = contents;
    this.hasher = hasher;
    this.tokens = tokens;
    this.outbox = outbox;
  }

  /**
   * ALREADYEXISTS when taken; BAD_REQUEST for a bad username, password or quota.
   *
   * @param quotaBytes the storage limit in octets; null or 0 is unlimited
   */
  public Uni<Account> create(String username, String password, Long quotaBytes) {
    checkCredentials(username, password);
    Long quota = quotaLimit(quotaBytes);
    return hasher
        .hash(password)
        .chain(
            hash ->
                tx.write(
                    session ->
                        accounts
                            .insert(session, username, hash, quota)
                            .chain(
                                id -> {
                                  if (id.isEmpty()) {
                                    return Uni.createFrom()
                                        .failure(
                                            new StoreFailure(
                                                Reason.ALREADYEXISTS, "account exists"));
                                  }
                                  Account account = new Account(id.get(), username);
                                  return Multi.createFrom()
                                      .iterable(DefaultMailboxes.ALL.entrySet())
                                      .onItem()
                                      .transformToUniAndConcatenate(
                                          (Map.Entry<String, String> e) ->
                                              mailboxes
                                                  .insert(
                                                      session,
                                                      account.id(),
                                                      e.getKey(),
                                                      e.getValue(),
                                                      true)
                                                  .map(Optional::orElseThrow)
                                                  .call(
                                                      m ->
                                                          outbox.write(
                                                              session,
                                                              account,
                                                              new MailboxCreated(m.pointer()))))
                                      .collect()
                                      .last()
                                      .replaceWith(account);
                                })));
  }

  public Uni<List<AccountDetails>> all() {
    return tx.read(session -> accounts.all(session));
  }

  public Uni<AccountDetails> get(String username) {
    return tx.read(session -> accounts.byUsername(session, username))
        .map(a -> a.orElseThrow(() -> new StoreFailure(Reason.NOT_FOUND, "no such account")));
  }

  /** The account named by a service credential. */
  public Uni<Account> resolve(String username) {
    return get(username).map(a -> new Account(a.id(), a.username()));
  }

  public Uni<Void> changePassword(String username, String password) {
    checkCredentials(username, password);
    return hasher
        .hash(password)
        .chain(hash -> tx.write(session -> accounts.updatePassword(session, username, hash)))
        .invoke(
            updated -> {
              if (!updated) {
                throw new StoreFailure(Reason.NOT_FOUND, "no such account");
              }
            })
        .replaceWithVoid();
  }

  /** Sets the storage limit in octets (null or 0: unlimited); NOT_FOUND, BAD_REQUEST if < 0. */
  public Uni<Void> changeQuota(String username, Long quotaBytes) {
    Long quota = quotaLimit(quotaBytes);
    return tx.write(session -> accounts.updateQuota(session, username, quota))
        .invoke(
            updated -> {
              if (!updated) {
                throw new StoreFailure(Reason.NOT_FOUND, "no such account");
              }
            })
        .replaceWithVoid();
  }

  /** Octets the account's messages take (see {@link StorageQuota}). */
  public Uni<Long> usedBytes(long accountId) {
    return tx.read(session -> accounts.usedBytes(session, accountId));
  }

  public Uni<Void> delete(String username) {
    return tx.write(
        session ->
            accounts
                .byUsername(session, username)
                .chain(
                    found -> {
                      if (found.isEmpty()) {
                        return Uni.createFrom()
                            .failure(new StoreFailure(Reason.NOT_FOUND, "no such account"));
                      }
                      long id = found.get().id();
                      return contents
                          .ofAccount(session, id)
                          .call(ignored -> accounts.delete(session, username))
                          .chain(ids -> contents.deleteOrphans(session, ids));
                    }));
  }

  /** The same failure for an unknown user and a wrong password, after the same bcrypt work. */
  public Uni<SessionToken> authenticate(String username, String password) {
    if (!Usernames.valid(username) || password == null || password.length() > MAX_PASSWORD) {
      return hasher.matches("x", null).map(ignored -> failed());
    }
    return tx.read(session -> accounts.byUsername(session, username))
        .chain(
            found ->
                hasher
                    .matches(password, found.map(AccountDetails::passwordHash).orElse(null))
                    .map(
                        ok -> {
                          if (!ok) {
                            return failed();
                          }
                          return tokens.issue(found.get().id(), found.get().username());
                        }));
  }

  private static SessionToken failed() {
    throw new StoreFailure(Reason.AUTHENTICATION_FAILED, "authentication failed");
  }

  /** The stored form of a limit: "unlimited" is always null. */
  private static Long quotaLimit(Long quotaBytes) {
    if (quotaBytes != null && quotaBytes < 0) {
      throw new StoreFailure(Reason.BAD_REQUEST, "quotaBytes must be 0 (unlimited) or more");
    }
    return quotaBytes == null || quotaBytes == 0 ? null : quotaBytes;
  }

  private static void checkCredentials(String username, String password) {
    if (!Usernames.valid(username)) {
      throw new StoreFailure(Reason.BAD_REQUEST, "username must match [A-Za-z0-9._@+-]{1,255}");
    }
    if (password == null || password.isEmpty() || password.length() > MAX_PASSWORD) {
      throw new StoreFailure(Reason.BAD_REQUEST, "password must be 1 to 1024 characters");
    }
  }
}
