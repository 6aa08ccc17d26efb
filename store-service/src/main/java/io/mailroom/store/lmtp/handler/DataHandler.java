package io.mailroom.store.lmtp.handler;

import io.mailroom.store.lmtp.command.LmtpCommand.Data;
import io.mailroom.store.lmtp.response.Reply;
import io.mailroom.store.lmtp.session.SessionState;
import io.mailroom.store.lmtp.session.Step;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** DATA: with at least one accepted recipient, invites the body (354). */
public final class DataHandler implements CommandHandler<Data> {

  @Override
  public Uni<Step> handle(Data command, SessionState state) {
    return Uni.createFrom().item(step(state));
  }

  private static Step step(SessionState state) {
    if (state instanceof SessionState.Recipients r) {
      return new Step(
          new SessionState.Data(r.clientName(), r.sender(), r.recipients()),
          new Reply(354, List.of("start mail input; end with <CRLF>.<CRLF>")),
          Step.After.RECEIVE_BODY);
    }
    if (state instanceof SessionState.MailFrom) {
      return Step.stay(state, Reply.of(503, "5.5.1", "no valid recipients"));
    }
    return Step.stay(state, Reply.of(503, "5.5.1", "need MAIL and RCPT before DATA"));
  }
}
