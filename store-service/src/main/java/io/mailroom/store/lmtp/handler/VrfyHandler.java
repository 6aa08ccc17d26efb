package io.mailroom.store.lmtp.handler;

import io.mailroom.store.lmtp.command.LmtpCommand.Vrfy;
import io.mailroom.store.lmtp.response.Reply;
import io.mailroom.store.lmtp.session.SessionState;
import io.mailroom.store.lmtp.session.Step;
import io.smallrye.mutiny.Uni;

/** VRFY: 252, so the account list cannot be probed (RFC 5321 3.5.3 allows it). */
public final class VrfyHandler implements CommandHandler<Vrfy> {

  @Override
  public Uni<Step> handle(Vrfy command, SessionState state) {
    return Uni.createFrom()
        .item(
            Step.stay(
                state,
                Reply.of(252, "2.5.0", "cannot VRFY user, but will accept message for delivery")));
  }
}
