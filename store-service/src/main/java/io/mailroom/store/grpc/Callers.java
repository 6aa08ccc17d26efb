package io.mailroom.store.grpc;

import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.account.Account;
import io.mailroom.store.account.AccountService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * Runs an endpoint body for the calling account. The credential is read from the gRPC context at
 * call time (before any asynchronous step), and failures pass through {@link GrpcErrors}.
 */
@ApplicationScoped
public class Callers {
  private final AccountService accounts;

  Callers(AccountService accounts) {
    this.accounts = accounts;
  }

  static Credential credential() {
    Credential c = CallerInterceptor.CREDENTIAL.get();
    if (c == null) {
      throw new StoreFailure(Reason.AUTHENTICATION_FAILED, "no credential");
    }
    return c;
  }

  <T> Uni<T> unary(Function<Account, Uni<? extends T>> body) {
    Uni<Account> account;
    try {
      account = account(credential());
    } catch (RuntimeException e) {
      return Uni.createFrom().<T>failure(e).onFailure().transform(GrpcErrors::toStatus);
    }
    return account.<T>chain(body).onFailure().transform(GrpcErrors::toStatus);
  }

  <T> Multi<T> stream(Function<Account, Multi<T>> body) {
    Uni<Account> account;
    try {
      account = account(credential());
    } catch (RuntimeException e) {
      return Multi.createFrom().<T>failure(e).onFailure().transform(GrpcErrors::toStatus);
    }
    return account.onItem().transformToMulti(body).onFailure().transform(GrpcErrors::toStatus);
  }

  /** The caller's account; reads the credential now, so call it first in an endpoint. */
  Uni<Account> currentAccount() {
    try {
      return account(credential()).memoize().indefinitely();
    } catch (RuntimeException e) {
      return Uni.createFrom().failure(e);
    }
  }

  private Uni<Account> account(Credential credential) {
    if (credential instanceof Credential.Session s) {
      return Uni.createFrom().item(new Account(s.accountId(), s.username()));
    }
    Credential.Service service = (Credential.Service) credential;
    if (service.account() == null || service.account().isEmpty()) {
      throw new StoreFailure(Reason.BAD_REQUEST, "x-mailroom-account is missing");
    }
    return accounts.resolve(service.account());
  }

  /** Deliver accepts only the service credential. */
  static void requireService() {
    if (!(credential() instanceof Credential.Service)) {
      throw new StoreFailure(Reason.FORBIDDEN, "delivery needs the service credential");
    }
  }

  static <T> Uni<T> guarded(java.util.function.Supplier<Uni<? extends T>> body) {
    return Uni.createFrom().<T>deferred(body).onFailure().transform(GrpcErrors::toStatus);
  }
}
