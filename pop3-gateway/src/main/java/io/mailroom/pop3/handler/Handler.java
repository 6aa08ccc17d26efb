package io.mailroom.pop3.handler;

import io.mailroom.pop3.command.Command;
import io.mailroom.pop3.session.Session;
import io.smallrye.mutiny.Uni;

/** Runs one kind of command against the session; the gate has already checked the state. */
public interface Handler<C extends Command> {
  Uni<Outcome> handle(C command, Session session);
}
