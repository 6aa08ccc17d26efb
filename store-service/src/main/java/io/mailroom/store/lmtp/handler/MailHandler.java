package io.mailroom.store.lmtp.handler;

import io.mailroom.store.lmtp.command.LmtpCommand.Mail;
import io.mailroom.store.lmtp.response.Reply;
import io.mailroom.store.lmtp.session.SessionState;
import io.mailroom.store.lmtp.session.Step;
import io.smallrye.mutiny.Uni;

/** MAIL FROM: opens a transaction; a declared SIZE over the limit is refused before any data. */
public final class MailHandler implements CommandHandler<Mail> {
  private final long maxMessageSize;

  public MailHandler(long maxMessageSize) {
    this.maxMessageSize = maxMessageSize;
  }

  @Override
  public Uni<Step> handle(Mail command, SessionState state) {
    return Uni.createFrom().item(step(command, state));
  }

  private Step step(Mail command, SessionState state) {
    if (state instanceof SessionState.Greeted) {
      return Step.stay(state, Reply.of(503, "5.5.1", "send LHLO first"));
    }
    if (!(state instanceof SessionState.Ready ready)) {
      return Step.stay(state, Reply.of(503, "5.5.1", "nested MAIL command"));
    }
    if (command.declaredSize().orElse(0) > maxMessageSize) {
      return Step.stay(
          state, Reply.of(552, "5.3.4", "message size exceeds fixed limit of " + maxMessageSize));
    }
    return Step.stay(
        new SessionState.MailFrom(ready.clientName(), command.sender()),
        Reply.of(250, "2.1.0", "sender <" + command.sender() + "> ok"));
  }
}
