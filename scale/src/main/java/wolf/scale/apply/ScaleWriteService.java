package wolf.scale.apply;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import wolf.scale.sql.PlannedWrite;
import wolf.scale.sql.SqlDialect;
import wolf.scale.sql.WritePlanner;
import wolf.scale.write.WriteRequest;
import wolf.scale.write.WriteResult;
import wolf.scale.write.WriteService;

/**
 * This node's leader executor as a {@link WriteService} (the {@code local} of {@code
 * WriteGateway}): plans the write on the caller's thread (identifiers, values, classification,
 * determinism — refusals fail at once, nothing queued) and hands it to the {@link ScaleNode}. Fails
 * with {@code NotLeadingException} when this node does not lead. Thread-safe; never blocks.
 */
public final class ScaleWriteService implements WriteService {
  private final ActorRef<ScaleNode.Command> node;
  private final WritePlanner planner;
  private final Supplier<SqlDialect> dialect;

  public ScaleWriteService(
      ActorRef<ScaleNode.Command> node, WritePlanner planner, Supplier<SqlDialect> dialect) {
    this.node = node;
    this.planner = planner;
    this.dialect = dialect;
  }

  @Override
  public CompletionStage<WriteResult> write(WriteRequest request) {
    PlannedWrite planned;
    try {
      planned = planner.plan(request, dialect.get());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<WriteResult> result = new CompletableFuture<>();
    node.tell(new ScaleNode.Write(planned, result));
    return result;
  }
}
