package io.mailroom.store.lmtp.handler;

import io.mailroom.store.lmtp.command.LmtpCommand.Lhlo;
import io.mailroom.store.lmtp.response.Reply;
import io.mailroom.store.lmtp.session.SessionState;
import io.mailroom.store.lmtp.session.Step;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** LHLO (RFC 2033 4.1): greets, announces the extensions, and drops any open transaction. */
public final class LhloHandler implements CommandHandler<Lhlo> {
  private final String serverName;
  private final long maxMessageSize;

  public LhloHandler(String serverName, long maxMessageSize) {
    this.serverName = serverName;
    this.maxMessageSize = maxMessageSize;
  }

  @Override
  public Uni<Step> handle(Lhlo command, SessionState state) {
    var reply =
        new Reply(
            250,
            List.of(
                serverName,
                "PIPELINING",
                "ENHANCEDSTATUSCODES",
                "8BITMIME",
                "SIZE " + maxMessageSize));
    return Uni.createFrom().item(Step.stay(new SessionState.Ready(command.clientName()), reply));
  }
}
