package wolf.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MethodRejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one error shape of every Wolf HTTP listener: RFC 9457 {@code application/problem+json} with a
 * human sentence in {@code detail}. Stateless and thread-safe.
 */
public final class Problems {
  private static final Logger log = LoggerFactory.getLogger(Problems.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code application/problem+json}; UTF-8 is implied by the JSON media type. */
  public static final ContentType.NonBinary PROBLEM_JSON =
      MediaTypes.applicationWithFixedCharset("problem+json", HttpCharsets.UTF_8).toContentType();

  private Problems() {}

  /** A problem response with the status's reason phrase as title and {@code detail} as sentence. */
  public static HttpResponse response(StatusCode status, String detail) {
    return response(status, detail, body -> {});
  }

  /** Like {@link #response(StatusCode, String)}, with extension members added by {@code extra}. */
  public static HttpResponse response(
      StatusCode status, String detail, java.util.function.Consumer<ObjectNode> extra) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", "about:blank");
    body.put("title", status.reason());
    body.put("status", status.intValue());
    body.put("detail", detail);
    extra.accept(body);
    return HttpResponse.create()
        .withStatus(status)
        .withEntity(HttpEntities.create(PROBLEM_JSON, body.toString()));
  }

  /** Turns every rejection (unknown path, wrong method, bad input) into problem+json. */
  public static RejectionHandler rejections() {
    return RejectionHandler.newBuilder()
        .handleAll(
            MethodRejection.class,
            rejections ->
                org.apache.pekko.http.javadsl.server.Directives.complete(
                    response(
                        StatusCodes.METHOD_NOT_ALLOWED,
                        "Method not allowed here; supported: "
                            + rejections.stream()
                                .map(r -> r.supported().name())
                                .distinct()
                                .sorted()
                                .toList()
                            + ".")))
        .handleNotFound(
            org.apache.pekko.http.javadsl.server.Directives.extractUri(
                uri ->
                    org.apache.pekko.http.javadsl.server.Directives.complete(
                        response(
                            StatusCodes.NOT_FOUND,
                            "No resource at " + uri.path() + " on this node."))))
        .build()
        .seal();
  }

  /** Unexpected failures become a 500 problem; the cause is logged, never leaked in full. */
  public static ExceptionHandler exceptions(String owner) {
    return ExceptionHandler.newBuilder()
        .matchAny(
            e -> {
              log.error("{}: request failed", owner, e);
              return org.apache.pekko.http.javadsl.server.Directives.complete(
                  response(
                      StatusCodes.INTERNAL_SERVER_ERROR,
                      "The node could not answer: " + e.getClass().getSimpleName() + "."));
            })
        .build();
  }
}
