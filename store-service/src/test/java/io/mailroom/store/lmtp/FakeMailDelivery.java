package io.mailroom.store.lmtp;

import io.mailroom.store.delivery.DeliveryRequest;
import io.mailroom.store.delivery.MailDelivery;
import io.mailroom.store.delivery.RecipientOutcome;
import io.mailroom.store.lmtp.command.MailAddress;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A store with fixed accounts; some answer with a chosen reply (e.g. over quota). */
final class FakeMailDelivery implements MailDelivery {

  /** What the store received for one recipient: the prefix and the spooled body, read at once. */
  record Delivered(String mailFrom, String recipient, String message) {}

  private final Map<String, String> replyByUser;
  private final long maxMessageSize;
  final List<Delivered> delivered = new CopyOnWriteArrayList<>();

  /**
   * @param replyByUser username → the reply its delivery gets
   */
  FakeMailDelivery(Map<String, String> replyByUser, long maxMessageSize) {
    this.replyByUser = replyByUser;
    this.maxMessageSize = maxMessageSize;
  }

  /** As the real store does: an address names the account of its local part. */
  private static String username(String address) {
    return MailAddress.parse(address).localPart();
  }

  @Override
  public Uni<Boolean> acceptsRecipient(String address) {
    return Uni.createFrom().item(replyByUser.containsKey(username(address)));
  }

  @Override
  public Uni<RecipientOutcome> deliver(DeliveryRequest request) {
    String reply = replyByUser.get(username(request.recipient()));
    boolean ok = reply.startsWith("2");
    if (ok) {
      try {
        String message =
            new String(request.headerPrefix(), StandardCharsets.UTF_8)
                + Files.readString(request.body(), StandardCharsets.UTF_8);
        delivered.add(new Delivered(request.mailFrom(), username(request.recipient()), message));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Uni.createFrom().item(new RecipientOutcome(request.recipient(), ok, reply));
  }

  @Override
  public long maxMessageSize() {
    return maxMessageSize;
  }
}
