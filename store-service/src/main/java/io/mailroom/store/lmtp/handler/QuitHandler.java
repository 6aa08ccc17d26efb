package io.mailroom.store.lmtp.handler;

import io.mailroom.store.lmtp.command.LmtpCommand.Quit;
import io.mailroom.store.lmtp.response.Reply;
import io.mailroom.store.lmtp.session.SessionState;
import io.mailroom.store.lmtp.session.Step;
import io.smallrye.mutiny.Uni;

/** QUIT: says goodbye and closes. */
public final class QuitHandler implements CommandHandler<Quit> {

  @Override
  public Uni<Step> handle(Quit command, SessionState state) {
    return Uni.createFrom().item(new Step(state, Reply.of(221, "2.0.0", "bye"), Step.After.CLOSE));
  }
}
