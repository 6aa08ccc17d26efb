package io.mailroom.store.lmtp.handler;

import io.mailroom.store.delivery.MailDelivery;
import io.mailroom.store.lmtp.command.LmtpCommand;
import io.mailroom.store.lmtp.response.Reply;
import io.mailroom.store.lmtp.session.SessionState;
import io.mailroom.store.lmtp.session.Step;
import io.smallrye.mutiny.Uni;

/** Sends each command to its handler; answers the ones that did not parse. */
public final class CommandDispatcher {
  private final LhloHandler lhlo;
  private final MailHandler mail;
  private final RcptHandler rcpt;
  private final DataHandler data = new DataHandler();
  private final RsetHandler rset = new RsetHandler();
  private final NoopHandler noop = new NoopHandler();
  private final QuitHandler quit = new QuitHandler();
  private final VrfyHandler vrfy = new VrfyHandler();

  public CommandDispatcher(String serverName, MailDelivery delivery, int maxRecipients) {
    long maxSize = delivery.maxMessageSize();
    this.lhlo = new LhloHandler(serverName, maxSize);
    this.mail = new MailHandler(maxSize);
    this.rcpt = new RcptHandler(delivery, maxRecipients);
  }

  public Uni<Step> dispatch(LmtpCommand command, SessionState state) {
    // Java 17 has no pattern switch; the sealed LmtpCommand keeps this list checkable by eye.
    if (command instanceof LmtpCommand.Lhlo c) {
      return lhlo.handle(c, state);
    } else if (command instanceof LmtpCommand.Mail c) {
      return mail.handle(c, state);
    } else if (command instanceof LmtpCommand.Rcpt c) {
      return rcpt.handle(c, state);
    } else if (command instanceof LmtpCommand.Data c) {
      return data.handle(c, state);
    } else if (command instanceof LmtpCommand.Rset c) {
      return rset.handle(c, state);
    } else if (command instanceof LmtpCommand.Noop c) {
      return noop.handle(c, state);
    } else if (command instanceof LmtpCommand.Quit c) {
      return quit.handle(c, state);
    } else if (command instanceof LmtpCommand.Vrfy c) {
      return vrfy.handle(c, state);
    }
    return Uni.createFrom().item(Step.stay(state, refusal(command)));
  }

  private static Reply refusal(LmtpCommand command) {
    if (command instanceof LmtpCommand.SmtpGreeting g) {
      return Reply.of(500, "5.5.1", g.verb() + " not accepted: this is LMTP, use LHLO");
    } else if (command instanceof LmtpCommand.Malformed m) {
      return Reply.of(501, "5.5.4", m.reason());
    } else if (command instanceof LmtpCommand.UnsupportedParameter p) {
      return Reply.of(555, "5.5.4", p.verb() + " parameter " + p.parameter() + " not supported");
    } else if (command instanceof LmtpCommand.Unrecognized u) {
      return Reply.of(500, "5.5.2", "command not recognized");
    }
    throw new IllegalStateException("no handler for " + command);
  }
}
