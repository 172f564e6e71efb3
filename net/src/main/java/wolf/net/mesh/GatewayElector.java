package wolf.net.mesh;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Re-runs {@link GatewayElection} every {@code interval} and reports a changed winner. The
 * candidates come from the device's thread-safe peer state; the report moves the gateway routes.
 */
public final class GatewayElector {
  /** Look again ({@code TICK}, from the timer) or stop ({@code STOP}). */
  public enum Msg {
    TICK,
    STOP
  }

  private GatewayElector() {}

  /**
   * @param candidates the local node and every peer, as they are now
   * @param onChange called with the new winner's node (empty: no live gateway)
   */
  public static <T> Behavior<Msg> create(
      Supplier<List<GatewayElection.Candidate<T>>> candidates,
      Consumer<Optional<GatewayElection.Candidate<T>>> onChange,
      Duration interval) {
    return Behaviors.withTimers(
        timers -> {
          timers.startTimerWithFixedDelay(Msg.TICK, interval);
          Object[] last = {new Object()};
          return Behaviors.receiveMessage(
              msg -> {
                if (msg == Msg.STOP) {
                  return Behaviors.stopped();
                }
                Optional<GatewayElection.Candidate<T>> winner =
                    GatewayElection.choose(candidates.get());
                Object node = winner.map(GatewayElection.Candidate::node).orElse(null);
                if (!Objects.equals(node, last[0])) {
                  last[0] = node;
                  onChange.accept(winner);
                }
                return Behaviors.same();
              });
        });
  }
}
