package io.mailroom.store.lmtp.handler;

import io.mailroom.store.delivery.DeliveryRequest;
import io.mailroom.store.delivery.MailDelivery;
import io.mailroom.store.lmtp.command.MailAddress;
import io.mailroom.store.lmtp.response.RecipientReply;
import io.mailroom.store.lmtp.response.Reply;
import io.mailroom.store.lmtp.session.SessionState;
import io.mailroom.store.lmtp.wire.Frame;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The end of DATA: one reply per accepted recipient, in RCPT order (RFC 2033 4.2), each from that
 * recipient's own delivery, so one mailbox over quota does not fail the others.
 */
public final class BodyDelivery {
  private static final Logger LOG = Logger.getLogger(BodyDelivery.class);

  private final MailDelivery delivery;

  public BodyDelivery(MailDelivery delivery) {
    this.delivery = delivery;
  }

  public Multi<Reply> deliver(SessionState.Data data, Path spool, Frame.EndOfBody end) {
    if (end.oversize()) {
      Reply tooBig = RecipientReply.tooBig(delivery.maxMessageSize());
      return Multi.createFrom().iterable(data.recipients()).map(r -> tooBig);
    }
    // One after the other: the replies must come in order, and deliveries to the same account
    // would only contend for its UID counter.
    return Multi.createFrom()
        .iterable(data.recipients())
        .onItem()
        .transformToUniAndConcatenate(recipient -> deliverTo(data.sender(), recipient, spool));
  }

  private Uni<Reply> deliverTo(String sender, MailAddress recipient, Path spool) {
    var request =
        new DeliveryRequest(sender, recipient.address(), headerPrefix(sender, recipient), spool);
    return Uni.createFrom()
        .deferred(() -> delivery.deliver(request))
        .map(RecipientReply::of)
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.warnf(failure, "delivery to %s failed", recipient.address());
              return RecipientReply.failed();
            });
  }

  /** The trace fields a final delivery adds (RFC 5321 4.4; Delivered-To as Postfix writes it). */
  static byte[] headerPrefix(String sender, MailAddress recipient) {
    String fields =
        "Return-Path: <" + sender + ">\r\n" + "Delivered-To: " + recipient.address() + "\r\n";
    return fields.getBytes(StandardCharsets.UTF_8);
  }
}
