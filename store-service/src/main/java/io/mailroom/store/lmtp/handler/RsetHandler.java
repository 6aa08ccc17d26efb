package io.mailroom.store.lmtp.handler;

import io.mailroom.store.lmtp.command.LmtpCommand.Rset;
import io.mailroom.store.lmtp.response.Reply;
import io.mailroom.store.lmtp.session.SessionState;
import io.mailroom.store.lmtp.session.Step;
import io.smallrye.mutiny.Uni;

/** RSET: drops the transaction, keeps the LHLO. */
public final class RsetHandler implements CommandHandler<Rset> {

  @Override
  public Uni<Step> handle(Rset command, SessionState state) {
    return Uni.createFrom()
        .item(Step.stay(SessionState.reset(state), Reply.of(250, "2.0.0", "ok")));
  }
}
