package io.mailroom.store.lmtp.handler;

import io.mailroom.store.delivery.MailDelivery;
import io.mailroom.store.lmtp.command.LmtpCommand.Rcpt;
import io.mailroom.store.lmtp.command.MailAddress;
import io.mailroom.store.lmtp.response.Reply;
import io.mailroom.store.lmtp.session.SessionState;
import io.mailroom.store.lmtp.session.Step;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * RCPT TO: accepts a recipient only if the store has the account, so unknown users are refused here
 * (550) and the MTA bounces them at once instead of after the data.
 */
public final class RcptHandler implements CommandHandler<Rcpt> {
  private static final Logger LOG = Logger.getLogger(RcptHandler.class);

  private final MailDelivery delivery;
  private final int maxRecipients;

  public RcptHandler(MailDelivery delivery, int maxRecipients) {
    this.delivery = delivery;
    this.maxRecipients = maxRecipients;
  }

  @Override
  public Uni<Step> handle(Rcpt command, SessionState state) {
    if (state instanceof SessionState.MailFrom mail) {
      return lookUp(command.recipient(), state, () -> mail.with(command.recipient()));
    }
    if (state instanceof SessionState.Recipients recipients) {
      if (recipients.recipients().size() >= maxRecipients) {
        // 452 (RFC 5321 4.5.3.1.10): the MTA sends the rest in another transaction.
        return Uni.createFrom()
            .item(Step.stay(state, Reply.of(452, "4.5.3", "too many recipients")));
      }
      return lookUp(command.recipient(), state, () -> recipients.with(command.recipient()));
    }
    return Uni.createFrom().item(Step.stay(state, Reply.of(503, "5.5.1", "need MAIL before RCPT")));
  }

  private Uni<Step> lookUp(
      MailAddress recipient, SessionState state, Supplier<SessionState> added) {
    String shown = "<" + recipient.address() + ">";
    return delivery
        .acceptsRecipient(recipient.address())
        .map(
            known ->
                known
                    ? Step.stay(added.get(), Reply.of(250, "2.1.5", shown + " recipient ok"))
                    : Step.stay(state, Reply.of(550, "5.1.1", shown + " no such user")))
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.warnf(failure, "recipient lookup failed for %s", recipient.address());
              return Step.stay(state, Reply.of(451, "4.3.0", "recipient lookup failed, try later"));
            });
  }
}
