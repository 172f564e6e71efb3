package wolf.http.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import wolf.http.Problems;
import wolf.scale.write.InvalidWriteException;
import wolf.scale.write.NonDeterministicWriteException;
import wolf.scale.write.SqlWriteException;
import wolf.scale.write.WriteRequest;
import wolf.scale.write.WriteResult;
import wolf.scale.write.WriteService;
import wolf.scale.write.WriteUnavailableException;

/**
 * The WolfScale write API: {@code POST /write/insert|update|delete|upsert|ddl|sql}. Bodies are
 * parsed strictly ({@link WriteJson}); identifiers are validated and quoted and values bound as
 * parameters by the write service, so no field can inject SQL. With a token configured every write
 * needs {@code Authorization: Bearer <token>}.
 *
 * <p>Answers: {@code 200 {"lsn", "affected_rows", "last_insert_id"}} — the leader's real figures —
 * or problem+json: 400 (bad JSON, unknown field, wrong type, refused statement), 401 (token), 413
 * (body over {@value #MAX_BODY} bytes), 422 (MariaDB refused the write: its errno, SQLSTATE and
 * message unchanged in {@code mariadb_errno}, {@code sqlstate}, {@code detail}; nothing logged),
 * 503 (no leader, quorum lost, timeout; {@code outcome_unknown} says whether it may have been
 * applied). Thread-safe.
 */
public final class WriteRoutes extends AllDirectives {
  static final long MAX_BODY = 4L << 20;

  private final WriteService writes;
  private final Tokens tokens;
  private final Duration timeout;

  /**
   * @param token the {@code [api] token}; empty: writes need no token
   * @param timeout how long a request may take before it is answered 503
   */
  public WriteRoutes(WriteService writes, String token, Duration timeout) {
    this.writes = writes;
    this.tokens = new Tokens(token);
    this.timeout = timeout;
  }

  public Route route() {
    return pathPrefix(
        "write",
        () ->
            path(
                kind ->
                    post(
                        () ->
                            optionalHeaderValueByName(
                                "Authorization",
                                auth ->
                                    withSizeLimit(
                                        MAX_BODY,
                                        () ->
                                            entity(
                                                org.apache.pekko.http.javadsl.unmarshalling
                                                    .Unmarshaller.entityToString(),
                                                body -> handle(kind, auth, body)))))));
  }

  private Route handle(String kind, Optional<String> auth, String body) {
    if (!tokens.authorized(auth)) {
      return complete(tokens.unauthorized());
    }
    WriteRequest request;
    try {
      request = WriteJson.parse(kind, body);
    } catch (WriteJson.BadRequest e) {
      return complete(
          kind.matches("insert|update|delete|upsert|ddl|sql")
              ? Problems.response(StatusCodes.BAD_REQUEST, e.getMessage())
              : Problems.response(
                  StatusCodes.NOT_FOUND,
                  "No write kind '" + kind + "'; use insert, update, delete, upsert, ddl or sql."));
    }
    CompletionStage<HttpResponse> answer =
        writes
            .write(request)
            .toCompletableFuture()
            .orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
            .handle((r, e) -> e == null ? ok(r) : failure(e));
    return completeWithFuture(answer);
  }

  private static HttpResponse ok(WriteResult r) {
    ObjectNode n = WriteJson.JSON.createObjectNode();
    n.put("lsn", r.lsn());
    n.put("affected_rows", r.affectedRows());
    n.put("last_insert_id", r.lastInsertId());
    return HttpResponse.create()
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, n.toString()));
  }

  static HttpResponse failure(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof SqlWriteException s) {
      return problem(
          StatusCodes.UNPROCESSABLE_ENTITY,
          s.getMessage(),
          n -> {
            n.put("mariadb_errno", s.errorCode());
            n.put("sqlstate", s.sqlState());
          });
    }
    if (t instanceof NonDeterministicWriteException || t instanceof InvalidWriteException) {
      return Problems.response(StatusCodes.BAD_REQUEST, t.getMessage());
    }
    if (t instanceof WriteUnavailableException u) {
      return problem(
              StatusCodes.SERVICE_UNAVAILABLE,
              u.getMessage(),
              n -> n.put("outcome_unknown", u.outcomeUnknown()))
          .addHeader(RawHeader.create("Retry-After", "1"));
    }
    if (t instanceof TimeoutException) {
      return problem(
          StatusCodes.SERVICE_UNAVAILABLE,
          "The write was not answered in time; it may have been applied.",
          n -> n.put("outcome_unknown", true));
    }
    return problem(
        StatusCodes.SERVICE_UNAVAILABLE,
        "The write failed: " + t + "; it may have been applied.",
        n -> n.put("outcome_unknown", true));
  }

  private static HttpResponse problem(
      StatusCode status, String detail, java.util.function.Consumer<ObjectNode> extra) {
    return Problems.response(status, detail, extra);
  }
}
