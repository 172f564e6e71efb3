package wolf.http.write;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import wolf.http.Problems;

/** The {@code [api] token} check of every route that changes data. Immutable, thread-safe. */
final class Tokens {
  private final Optional<byte[]> token;

  /**
   * @param token empty: no token is needed
   */
  Tokens(String token) {
    this.token =
        token.isEmpty() ? Optional.empty() : Optional.of(token.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the {@code Authorization} header (if any) carries the token (constant time). */
  boolean authorized(Optional<String> header) {
    if (token.isEmpty()) {
      return true;
    }
    if (header.isEmpty() || !header.get().startsWith("Bearer ")) {
      return false;
    }
    byte[] given = header.get().substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token.get());
  }

  HttpResponse unauthorized() {
    return Problems.response(
            StatusCodes.UNAUTHORIZED,
            "This node requires 'Authorization: Bearer <token>' for writes ([api] token).")
        .addHeader(RawHeader.create("WWW-Authenticate", "Bearer realm=\"wolfscale\""));
  }
}
