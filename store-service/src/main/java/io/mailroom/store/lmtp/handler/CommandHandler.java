package io.mailroom.store.lmtp.handler;

import io.mailroom.store.lmtp.command.LmtpCommand;
import io.mailroom.store.lmtp.session.SessionState;
import io.mailroom.store.lmtp.session.Step;
import io.smallrye.mutiny.Uni;

/** Answers one kind of command in a given session state. */
@FunctionalInterface
public interface CommandHandler<C extends LmtpCommand> {
  Uni<Step> handle(C command, SessionState state);
}
