package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.smallrye.mutiny.Uni;

/**
 * ENABLE (RFC 5161). CONDSTORE is the one extension we offer that can be enabled; the ENABLED
 * response names what this command enabled, unknown names are ignored.
 */
public final class EnableHandler implements CommandHandler<Command.Enable> {
  @Override
  public Uni<Completion> handle(Command.Enable command, CommandContext ctx) {
    var enabled = new StringBuilder("ENABLED");
    if (command.capabilities().contains("CONDSTORE") && ctx.enableCondstore()) {
      enabled.append(" CONDSTORE");
    }
    ctx.out().untagged(enabled.toString());
    return Uni.createFrom().item(Completion.ok("ENABLE completed"));
  }
}
