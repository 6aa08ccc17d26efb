package io.mailroom.store.lmtp;

import io.mailroom.store.delivery.DeliveryRequest;
import io.mailroom.store.delivery.MailDelivery;
import io.mailroom.store.delivery.RecipientOutcome;
import io.mailroom.store.delivery.RecipientOutcome.OverQuota;
import io.mailroom.store.lmtp.LmtpSessions.Delivered;
import io.mailroom.store.lmtp.command.MailAddress;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A store with fixed accounts, some of them full. Held to the real store by the session scenarios
 * ({@link LmtpSessions}): RealStoreLmtpSessionTest runs each of them against DeliveryService.
 */
final class FakeMailDelivery implements MailDelivery {

  /** What a delivery to an account comes to. */
  enum Answer {
    /** Stored, under the email id "M-" + username. */
    DELIVER,
    OVER_QUOTA
  }

  /** A delivery and the account it went to. */
  private record Stored(String username, Delivered delivered) {}

  private final Map<String, Answer> answerByUser;
  private final long maxMessageSize;
  private final List<Stored> stored = new CopyOnWriteArrayList<>();

  /**
   * @param answerByUser username → what its delivery comes to
   */
  FakeMailDelivery(Map<String, Answer> answerByUser, long maxMessageSize) {
    this.answerByUser = answerByUser;
    this.maxMessageSize = maxMessageSize;
  }

  /** What the account received, in order: the prefix and the spooled body, read at once. */
  List<Delivered> deliveredTo(String username) {
    return stored.stream()
        .filter(s -> s.username().equals(username))
        .map(Stored::delivered)
        .toList();
  }

  /** As the real store does: an address names the account of its local part. */
  private static String username(String address) {
    return MailAddress.parse(address).localPart();
  }

  @Override
  public Uni<Boolean> acceptsRecipient(String address) {
    return Uni.createFrom().item(answerByUser.containsKey(username(address)));
  }

  @Override
  public Uni<RecipientOutcome> deliver(DeliveryRequest request) {
    String username = username(request.recipient());
    if (answerByUser.get(username) == Answer.OVER_QUOTA) {
      return Uni.createFrom().item(new OverQuota(request.recipient()));
    }
    String emailId = "M-" + username;
    try {
      String message =
          new String(request.headerPrefix(), StandardCharsets.UTF_8)
              + Files.readString(request.body(), StandardCharsets.UTF_8);
      stored.add(
          new Stored(
              username, new Delivered(request.mailFrom(), request.recipient(), emailId, message)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Uni.createFrom().item(new RecipientOutcome.Delivered(request.recipient(), emailId));
  }

  @Override
  public long maxMessageSize() {
    return maxMessageSize;
  }
}
