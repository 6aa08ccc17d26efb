package io.mailroom.store.lmtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.FetchReply;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.MailboxInfo;
import io.mailroom.store.api.v1.MailboxRef;
import io.mailroom.store.api.v1.MessagesGrpc;
import io.mailroom.store.api.v1.SelectRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An account's INBOX as a gateway reads it over gRPC: Select, then Fetch EMAILID and BODY[]. */
final class StoredInbox {
  private StoredInbox() {}

  /** Every message in the account's INBOX, by email id, in UID order. */
  static Map<String, String> byEmailId(String username) {
    var messages =
        StoreClient.asService(MessagesGrpc.newBlockingStub(StoreClient.channel()), username)
            .withDeadlineAfter(30, TimeUnit.SECONDS);
    MailboxInfo inbox = null;
    var selected =
        messages.select(SelectRequest.newBuilder().setName("INBOX").setReadOnly(true).build());
    while (selected.hasNext()) {
      var reply = selected.next();
      if (reply.hasMailbox()) {
        inbox = reply.getMailbox();
      }
    }
    assertThat(inbox).as("Select INBOX of %s answered with the mailbox", username).isNotNull();

    var emailIds = new LinkedHashMap<Integer, String>();
    var bodies = new HashMap<Integer, ByteArrayOutputStream>();
    messages
        .fetch(
            FetchRequest.newBuilder()
                .setMailbox(
                    MailboxRef.newBuilder()
                        .setMailboxId(inbox.getMailboxId())
                        .setUidValidity(inbox.getUidValidity()))
                .setUids(StoreClient.all())
                .setEmailId(true)
                .addSections(BodySection.newBuilder().setPart(""))
                .build())
        .forEachRemaining(
            (FetchReply reply) -> {
              if (reply.hasMeta()) {
                emailIds.put(reply.getMeta().getUid(), reply.getMeta().getEmailId());
              } else if (reply.hasChunk()) {
                bodies
                    .computeIfAbsent(reply.getChunk().getUid(), uid -> new ByteArrayOutputStream())
                    .writeBytes(reply.getChunk().getData().toByteArray());
              }
            });
    var byEmailId = new LinkedHashMap<String, String>();
    emailIds.forEach(
        (uid, emailId) -> {
          var body = bodies.get(uid);
          byEmailId.put(emailId, body == null ? "" : body.toString(StandardCharsets.UTF_8));
        });
    return byEmailId;
  }
}
