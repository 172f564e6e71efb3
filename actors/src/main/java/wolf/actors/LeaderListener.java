package wolf.actors;

import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import wolf.actors.cluster.LeaderChanged;
import wolf.actors.cluster.Leadership;

/**
 * Bridges {@link LeaderChanged} events to a plain {@link Consumer} for callers that are not actors.
 * The consumer runs on an actor thread, one event at a time, in order: it must not block. A
 * consumer that throws is logged and keeps receiving.
 */
final class LeaderListener {

  interface Command {}

  private record Changed(LeaderChanged event) implements Command {}

  enum Stop implements Command {
    INSTANCE
  }

  private LeaderListener() {}

  static Behavior<Command> create(
      String nodeId, ActorRef<Leadership.Command> leadership, Consumer<LeaderChanged> consumer) {
    return Behaviors.setup(
        ctx -> {
          ctx.setLoggerName(LeaderListener.class);
          ActorRef<LeaderChanged> adapter = ctx.messageAdapter(LeaderChanged.class, Changed::new);
          leadership.tell(new Leadership.Subscribe(adapter));
          return Behaviors.receive(Command.class)
              .onMessage(
                  Changed.class,
                  msg -> {
                    try {
                      consumer.accept(msg.event());
                    } catch (RuntimeException e) {
                      ctx.getLog()
                          .error("{}: leader listener failed on {}", nodeId, msg.event(), e);
                    }
                    return Behaviors.same();
                  })
              .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
              .onSignal(
                  PostStop.class,
                  signal -> {
                    leadership.tell(new Leadership.Unsubscribe(adapter));
                    return Behaviors.same();
                  })
              .build();
        });
  }
}
