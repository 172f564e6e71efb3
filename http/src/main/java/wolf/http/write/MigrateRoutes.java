package wolf.http.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import wolf.http.Problems;

/**
 * {@code POST /admin/migrate {"from": "node-2"}}: rebuild this node's database from a snapshot of
 * {@code from}'s, then follow the log from the snapshot's LSN. Answers {@code 202} at once; the
 * progress is in {@code /status} ({@code wolfscale.snapshot}). Guarded by the write token.
 */
public final class MigrateRoutes extends AllDirectives {
  private final Consumer<String> migrate;
  private final Tokens tokens;

  /**
   * @param migrate starts a snapshot fetch from the given node; throws {@link
   *     IllegalArgumentException} or {@link IllegalStateException} with a sentence to refuse
   */
  public MigrateRoutes(Consumer<String> migrate, String token) {
    this.migrate = migrate;
    this.tokens = new Tokens(token);
  }

  public Route route() {
    return path(
        org.apache.pekko.http.javadsl.server.PathMatchers.segment("admin").slash("migrate"),
        () ->
            post(
                () ->
                    optionalHeaderValueByName(
                        "Authorization",
                        auth ->
                            withSizeLimit(
                                64 * 1024,
                                () ->
                                    entity(
                                        Unmarshaller.entityToString(),
                                        body -> handle(auth, body))))));
  }

  private Route handle(Optional<String> auth, String body) {
    if (!tokens.authorized(auth)) {
      return complete(tokens.unauthorized());
    }
    String from;
    try {
      JsonNode n = WriteJson.JSON.readTree(body);
      if (n == null || !n.path("from").isTextual() || n.size() != 1) {
        return complete(
            Problems.response(
                StatusCodes.BAD_REQUEST, "The body must be {\"from\": \"<node id>\"}."));
      }
      from = n.path("from").asText();
    } catch (IOException e) {
      return complete(Problems.response(StatusCodes.BAD_REQUEST, "The body is not valid JSON."));
    }
    try {
      migrate.accept(from);
    } catch (IllegalArgumentException | IllegalStateException e) {
      return complete(Problems.response(StatusCodes.CONFLICT, e.getMessage()));
    }
    com.fasterxml.jackson.databind.node.ObjectNode n = WriteJson.JSON.createObjectNode();
    n.put("migrating_from", from);
    return complete(
        org.apache.pekko.http.javadsl.model.HttpResponse.create()
            .withStatus(StatusCodes.ACCEPTED)
            .withEntity(
                org.apache.pekko.http.javadsl.model.HttpEntities.create(
                    org.apache.pekko.http.javadsl.model.ContentTypes.APPLICATION_JSON,
                    n.toString())));
  }
}
