package io.mailroom.imap.server;

import io.mailroom.imap.command.Command;
import io.mailroom.imap.command.SyntaxError;
import io.mailroom.imap.handler.Completion;
import io.mailroom.imap.handler.StoreErrors;
import io.mailroom.imap.response.ResponseWriter;
import io.mailroom.imap.response.ResponseWriter.Status;
import io.mailroom.imap.session.MessageSequence;
import io.mailroom.imap.session.SessionState;
import io.mailroom.store.client.StoreFailure;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * Runs one command at a time: its handler, the mailbox news the client may be told before the
 * tagged reply, the tagged reply, and what follows it (close, STARTTLS, the next command). Counts
 * consecutive BADs.
 */
final class CommandRunner {
  private static final Logger LOG = Logger.getLogger(ImapConnection.class);

  private final ImapServer server;
  private final ImapConnection connection;
  private final ImapSession session;
  private final ResponseWriter out;
  private final MailboxNews news;
  private int badCommands;
  private boolean busy;

  CommandRunner(
      ImapServer server,
      ImapConnection connection,
      ImapSession session,
      ResponseWriter out,
      MailboxNews news) {
    this.server = server;
    this.connection = connection;
    this.session = session;
    this.out = out;
    this.news = news;
  }

  /** A command is running (input is paused until it finishes). */
  boolean busy() {
    return busy;
  }

  void run(String tag, Command command) {
    busy = true;
    connection.pauseInput();
    long started = System.nanoTime();
    Uni.createFrom()
        .deferred(() -> server.handlers().handle(command, session))
        .onFailure()
        .recoverWithItem(CommandRunner::failed)
        .call(completion -> news.beforeTaggedReply(command))
        .subscribe()
        .with(
            completion -> finish(tag, command, completion, started),
            error -> finish(tag, command, failed(error), started));
  }

  /** A BAD; too many in a row end the session. */
  void badCommand() {
    if (++badCommands >= server.config().limits().maxBadCommands()) {
      out.bye("Too many invalid commands");
      connection.close();
    }
  }

  private static Completion failed(Throwable error) {
    if (error instanceof MessageSequence.InvalidSet || error instanceof SyntaxError) {
      return Completion.bad(error.getMessage());
    }
    if (!(error instanceof StoreFailure || error instanceof IOException)) {
      LOG.warn("command failed", error);
    }
    return StoreErrors.completion(error);
  }

  private void finish(String tag, Command command, Completion completion, long started) {
    if (connection.isClosed()) {
      return;
    }
    out.tagged(tag, completion.status(), completion.code(), completion.text());
    server
        .metrics()
        .command(command.name(), completion.status().name(), System.nanoTime() - started);
    if (completion.status() == Status.BAD) {
      badCommand();
    } else {
      badCommands = 0;
    }
    busy = false;
    switch (completion.after()) {
      case CLOSE -> {
        if (!(session.state() instanceof SessionState.Logout)) {
          out.bye(completion.text());
        }
        connection.close();
      }
      case START_TLS -> connection.startTls();
      case NOTHING -> connection.commandDone();
    }
  }
}
