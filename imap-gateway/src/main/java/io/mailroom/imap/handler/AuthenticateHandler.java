package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** AUTHENTICATE PLAIN (RFC 4616), with or without the SASL-IR initial response. */
public final class AuthenticateHandler implements CommandHandler<Command.Authenticate> {
  @Override
  public Uni<Completion> handle(Command.Authenticate command, CommandContext ctx) {
    if (!command.mechanism().equals("PLAIN")) {
      return Uni.createFrom().item(Completion.no(null, "Unsupported authentication mechanism"));
    }
    if (ctx.config().tls().required() && !ctx.tlsActive()) {
      return Uni.createFrom()
          .item(Completion.no("PRIVACYREQUIRED", "Use STARTTLS or the IMAPS port first"));
    }
    Uni<String> response =
        command.initialResponse().isPresent()
            ? Uni.createFrom().item(command.initialResponse().get())
            : Uni.createFrom()
                .voidItem()
                .invoke(() -> ctx.out().continuation(""))
                .chain(ctx::nextLine)
                .map(line -> line.firstLine().trim());
    return response.chain(text -> plain(text, ctx));
  }

  private static Uni<Completion> plain(String text, CommandContext ctx) {
    if (text.equals("*")) {
      return Uni.createFrom().item(Completion.bad("Authentication cancelled"));
    }
    byte[] message;
    try {
      message = text.equals("=") ? new byte[0] : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().item(Completion.bad("Invalid base64"));
    }
    String[] parts = new String(message, StandardCharsets.UTF_8).split("\0", -1);
    if (parts.length != 3) {
      return Uni.createFrom().item(Completion.bad("Invalid SASL PLAIN message"));
    }
    return LoginHandler.login(
        ctx, parts[1], () -> ctx.store().loginPlain(message, ctx.remoteAddress()));
  }
}
