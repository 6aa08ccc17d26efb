package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.mailroom.imap.session.SessionState;
import io.mailroom.store.client.StoreFailure;
import io.mailroom.store.client.auth.Login;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** LOGIN, and the common end of AUTHENTICATE: throttled failures, capped sessions. */
public final class LoginHandler implements CommandHandler<Command.Login> {
  @Override
  public Uni<Completion> handle(Command.Login command, CommandContext ctx) {
    if (ctx.config().tls().required() && !ctx.tlsActive()) {
      return Uni.createFrom()
          .item(Completion.no("PRIVACYREQUIRED", "Use STARTTLS or the IMAPS port first"));
    }
    return login(
        ctx,
        command.username(),
        () -> ctx.store().login(command.username(), command.password(), ctx.remoteAddress()));
  }

  static Uni<Completion> login(
      CommandContext ctx, String claimedUser, Supplier<Uni<Login>> attempt) {
    return attempt
        .get()
        .onItem()
        .transform(
            account -> {
              ctx.loginThrottle().succeeded(account.username());
              if (!ctx.loggedIn(account)) {
                return Completion.no("LIMIT", "Too many sessions for this account");
              }
              ctx.state(new SessionState.Authenticated(account));
              return Completion.ok("CAPABILITY " + ctx.capabilities(), "Logged in");
            })
        .onFailure(
            e ->
                e instanceof StoreFailure f
                    && f.reason() == StoreFailure.Reason.AUTHENTICATION_FAILED)
        .recoverWithUni(
            e ->
                ctx.delay(ctx.loginThrottle().failed(claimedUser, ctx.remoteAddress()))
                    .replaceWith(Completion.no("AUTHENTICATIONFAILED", "Authentication failed")))
        .onFailure()
        .recoverWithItem(StoreErrors::completion);
  }
}
