package io.mailroom.imap.server;

import io.mailroom.imap.command.AppendParser;
import io.mailroom.imap.command.ArgumentReader;
import io.mailroom.imap.command.SyntaxError;
import io.mailroom.imap.config.ImapConfig;
import io.mailroom.imap.response.ResponseWriter;
import io.mailroom.imap.response.ResponseWriter.Status;
import io.mailroom.imap.store.MailStore;
import io.mailroom.imap.wire.LiteralAnnouncement;
import io.mailroom.imap.wire.LiteralDecision;
import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.message.AppendSpec;
import io.mailroom.store.client.message.Appended;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.net.NetSocket;
import java.io.IOException;
import java.util.Optional;

/**
 * The literals a client announces: buffered, refused over the limits, or, for an APPEND message,
 * streamed to the store while the bytes arrive (completed only once the whole command parsed).
 */
final class LiteralIntake {
  private final ImapConnection connection;
  private final NetSocket socket;
  private final Context context;
  private final ResponseWriter out;
  private final MailStore store;
  private final ImapConfig config;
  private AppendUpload upload;
  private Uni<Appended> pendingAppend;

  LiteralIntake(
      ImapConnection connection,
      NetSocket socket,
      Context context,
      ResponseWriter out,
      MailStore store,
      ImapConfig config) {
    this.connection = connection;
    this.socket = socket;
    this.context = context;
    this.out = out;
    this.store = store;
    this.config = config;
  }

  /** What to do with an announced literal; {@code forLine}: a handler awaits the next line. */
  LiteralDecision announced(LiteralAnnouncement announcement, boolean forLine) {
    if (forLine) {
      return announcement.size() <= config.limits().maxInlineLiteral()
          ? syncOk(announcement, LiteralDecision.BUFFER)
          : refuse(announcement, "*", Status.BAD, null, "Literal too large");
    }
    var reader = new ArgumentReader(announcement.prefix());
    String tag;
    try {
      tag = reader.tag();
    } catch (SyntaxError e) {
      tag = "*";
    }
    Optional<AppendParser.Header> append = appendHeader(reader);
    if (append.isPresent()) {
      return startAppend(announcement, tag, append.get());
    }
    if (announcement.size() > config.limits().maxInlineLiteral()) {
      return refuse(announcement, tag, Status.BAD, null, "Literal too large");
    }
    return syncOk(announcement, LiteralDecision.BUFFER);
  }

  /** The APPEND whose message literal this is, if it is one. */
  private static Optional<AppendParser.Header> appendHeader(ArgumentReader reader) {
    try {
      reader.sp();
      if (!reader.atom().equalsIgnoreCase("APPEND")) {
        return Optional.empty();
      }
      var header = AppendParser.header(reader);
      return reader.onLastLine() ? Optional.of(header) : Optional.empty();
    } catch (SyntaxError e) {
      return Optional.empty();
    }
  }

  private LiteralDecision startAppend(
      LiteralAnnouncement announcement, String tag, AppendParser.Header header) {
    Optional<Login> account = connection.state().loggedInAccount();
    if (account.isEmpty()) {
      return refuse(announcement, tag, Status.BAD, null, "Log in first");
    }
    if (announcement.size() > config.limits().appendLimit()) {
      return refuse(
          announcement,
          tag,
          announcement.nonSynchronizing() ? Status.BAD : Status.NO,
          "TOOBIG",
          "Message larger than APPENDLIMIT " + config.limits().appendLimit());
    }
    var spec =
        new AppendSpec(
            header.mailbox(),
            header.flags(),
            header.date().map(d -> d.toInstant().toEpochMilli()).orElse(0L),
            header.date().map(d -> d.getOffset().getTotalSeconds() / 60).orElse(0),
            announcement.size());
    upload =
        new AppendUpload(
            socket::pause, () -> context.runOnContext(v -> connection.resumeSocketIfIdle()));
    pendingAppend = store.append(account.get(), spec, upload.data()).memoize().indefinitely();
    // Subscribe now so the bytes flow to the store while they arrive.
    pendingAppend.subscribe().with(ok -> {}, e -> {});
    if (announcement.size() == 0) {
      upload.push(new byte[0]);
    }
    return syncOk(announcement, LiteralDecision.STREAM);
  }

  private LiteralDecision syncOk(LiteralAnnouncement announcement, LiteralDecision decision) {
    if (!announcement.nonSynchronizing()) {
      out.continuation("Ready for literal data");
    }
    return decision;
  }

  private LiteralDecision refuse(
      LiteralAnnouncement announcement, String tag, Status status, String code, String text) {
    connection.countRefused("APPEND", status);
    out.tagged(tag, status, code, text);
    if (announcement.nonSynchronizing()) {
      // Its bytes are already on the way; reading them would defeat the limit.
      out.bye("Literal refused, closing");
      connection.close();
    }
    return LiteralDecision.REFUSE;
  }

  /** A slice of a streamed literal: on to the store. */
  void data(byte[] slice) {
    if (upload != null) {
      upload.push(slice);
    }
  }

  boolean uploading() {
    return upload != null;
  }

  /** The command was not the APPEND it looked like, or the client left: store nothing. */
  void cancel() {
    if (upload != null) {
      upload.cancel(new IOException("APPEND abandoned"));
      upload = null;
      pendingAppend = null;
    }
  }

  /** The APPEND command parsed: the message is complete, here is the store's answer. */
  Optional<Uni<Appended>> take() {
    if (upload == null) {
      return Optional.empty();
    }
    upload.complete();
    var result = pendingAppend;
    upload = null;
    pendingAppend = null;
    return Optional.of(result);
  }
}
