package wolf.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sections a tool adds to {@code /status} (this node) and {@code /cluster} (the cluster as the
 * leader sees it), each a top-level JSON member such as {@code "replication"}. Implementations
 * never block; a section that fails is reported as {@code {"error": "..."}}.
 */
public interface StatusSections {
  CompletionStage<Map<String, JsonNode>> status();

  CompletionStage<Map<String, JsonNode>> cluster();

  static StatusSections none() {
    return new StatusSections() {
      @Override
      public CompletionStage<Map<String, JsonNode>> status() {
        return CompletableFuture.completedFuture(Map.of());
      }

      @Override
      public CompletionStage<Map<String, JsonNode>> cluster() {
        return CompletableFuture.completedFuture(Map.of());
      }
    };
  }
}
