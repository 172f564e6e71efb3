package wolf.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP management listener. Tool modules contribute extra routes; every route is wrapped
 * so unknown paths, wrong methods and failures answer {@code application/problem+json}.
 */
public final class ManagementServer extends AllDirectives {
  private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);

  private final ActorSystem<?> system;
  private final String owner;
  private final Route route;

  /**
   * @param owner the node id, for log lines
   * @param routes the routes to serve, tried in order
   */
  public ManagementServer(ActorSystem<?> system, String owner, List<Route> routes) {
    this.system = system;
    this.owner = owner;
    this.route =
        handleExceptions(
            Problems.exceptions(owner),
            () ->
                handleRejections(
                    Problems.rejections(),
                    () ->
                        concat(
                            routes.get(0),
                            routes.subList(1, routes.size()).toArray(new Route[0]))));
  }

  public Route route() {
    return route;
  }

  /** Binds; the stage fails if the address is taken, with the address in the message. */
  public CompletionStage<ServerBinding> bind(String host, int port) {
    return Http.get(system)
        .newServerAt(host, port)
        .bind(route)
        .whenComplete(
            (b, e) -> {
              if (e == null) {
                log.info("{}: HTTP API listening on {}", owner, b.localAddress());
              } else {
                log.error("{}: cannot listen on {}:{}: {}", owner, host, port, e.getMessage());
              }
            });
  }

  /** Unbinds and closes connection pools so shutdown logs no pool errors. */
  public static CompletionStage<?> unbind(ActorSystem<?> system, ServerBinding binding) {
    return binding
        .terminate(Duration.ofSeconds(2))
        .thenCompose(done -> Http.get(system).shutdownAllConnectionPools());
  }
}
