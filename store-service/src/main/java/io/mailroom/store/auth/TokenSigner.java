package io.mailroom.store.auth;

import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks session tokens: {@code base64url(v1|account|username|expiry).base64url(hmac)}.
 * Stateless, so any store replica accepts a token another one issued.
 */
@ApplicationScoped
public class TokenSigner {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final AuthConfig config;
  private final Clock clock = Clock.systemUTC();

  TokenSigner(AuthConfig config) {
    this.config = config;
    this.key = new SecretKeySpec(config.tokenKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public SessionToken issue(long accountId, String username) {
    long expires = clock.millis() + config.tokenLifetime().toMillis();
    String payload = "v1|" + accountId + "|" + username + "|" + expires;
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    String token = ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(sign(body));
    return new SessionToken(token, accountId, username, expires);
  }

  /** The token's claims, or empty when forged or malformed; EXPIRED when it ran out. */
  public Optional<SessionToken> verify(String token) {
    int dot = token.indexOf('.');
    if (dot < 1 || token.length() > 2048) {
      return Optional.empty();
    }
    try {
      byte[] body = DECODER.decode(token.substring(0, dot));
      byte[] mac = DECODER.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(mac, sign(body))) {
        return Optional.empty();
      }
      String[] fields = new String(body, StandardCharsets.UTF_8).split("\\|");
      if (fields.length != 4 || !fields[0].equals("v1")) {
        return Optional.empty();
      }
      long expires = Long.parseLong(fields[3]);
      if (expires <= clock.millis()) {
        throw new StoreFailure(Reason.EXPIRED, "session token expired");
      }
      return Optional.of(new SessionToken(token, Long.parseLong(fields[1]), fields[2], expires));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private byte[] sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
