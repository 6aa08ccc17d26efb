package io.mailroom.store.lmtp.handler;

import io.mailroom.store.lmtp.command.LmtpCommand.Noop;
import io.mailroom.store.lmtp.response.Reply;
import io.mailroom.store.lmtp.session.SessionState;
import io.mailroom.store.lmtp.session.Step;
import io.smallrye.mutiny.Uni;

/** NOOP. */
public final class NoopHandler implements CommandHandler<Noop> {

  @Override
  public Uni<Step> handle(Noop command, SessionState state) {
    return Uni.createFrom().item(Step.stay(state, Reply.of(250, "2.0.0", "ok")));
  }
}
