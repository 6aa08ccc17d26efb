package io.mailroom.bench.imap;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Brings one session's mailbox to a known state before a measuring window: exactly {@code size}
 * messages, no flags, selected. A mailbox left by an earlier run is reused (only topped up or cut
 * down), so repeated runs do not pay for seeding again. Nothing here is timed; the replies are
 * checked all the same.
 */
final class SeededMailbox {

  private SeededMailbox() {}

  /**
   * Returns UID to RFC822.SIZE of every message, the mailbox selected. Missing messages are
   * APPENDed pipelined, message {@code n} taken from {@code messages.apply(n)}.
   */
  static Future<TreeMap<Long, Long>> prepare(
      ImapClient imap, Steps steps, String mailbox, int size, IntFunction<Buffer> messages) {
    return steps
        .any(null, () -> imap.select(mailbox))
        .compose(
            selected ->
                selected.ok()
                    ? Future.succeededFuture(selected)
                    : steps
                        .ok(null, () -> imap.command("CREATE " + ImapClient.quote(mailbox)))
                        .compose(created -> steps.ok(null, () -> imap.select(mailbox))))
        .compose(
            selected -> {
              long exists = selected.exists();
              steps.check(exists >= 0, () -> "SELECT " + mailbox + " without EXISTS");
              if (exists > size) {
                return steps
                    .ok(
                        null,
                        () -> imap.command("STORE " + (size + 1) + ":* +FLAGS.SILENT (\\Deleted)"))
                    .compose(stored -> steps.ok(null, () -> imap.command("EXPUNGE")));
              }
              List<Future<ImapReply>> appends = new ArrayList<>();
              for (long n = Math.max(0, exists); n < size; n++) {
                Buffer message = messages.apply((int) n);
                appends.add(steps.ok(null, () -> imap.append(mailbox, "", message)));
              }
              return Future.all(appends).map(all -> selected);
            })
        .compose(
            ready ->
                size == 0
                    ? Future.succeededFuture(ready)
                    : steps.ok(null, () -> imap.command("STORE 1:* FLAGS.SILENT ()")))
        .compose(cleared -> steps.ok(null, () -> imap.command("UID FETCH 1:* (FLAGS RFC822.SIZE)")))
        .map(
            fetched -> {
              TreeMap<Long, Long> sizes = new TreeMap<>();
              for (ImapResponse response : fetched.untagged()) {
                ImapValues.Fetch fetch = ImapValues.fetch(response);
                if (fetch != null && fetch.uid() > 0) {
                  Object octets = fetch.items().get("RFC822.SIZE");
                  sizes.put(fetch.uid(), octets == null ? -1 : Long.parseLong((String) octets));
                }
              }
              steps.check(
                  sizes.size() == size,
                  () -> mailbox + " holds " + sizes.size() + " messages after seeding " + size);
              return sizes;
            });
  }
}
