package wolf.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of {@code bench replication}'s baseline part with tiny phases (real mariadbd
 * processes, real GTID and semi-sync replication), so the benchmark cannot rot: every phase
 * produces figures, semi-sync really engages, and nothing is left running or on disk.
 */
class ReplicationBenchTest {
  @TempDir Path dir;

  @Test
  void baselinesMeasureEveryPhaseAndCleanUp() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    ReplicationBench.Options o =
        new ReplicationBench.Options(
            Duration.ofMillis(1000), Duration.ofMillis(300), 100, 4, true, false, dir);

    Map<String, String> r = ReplicationBench.run(o, out);
    String text = buffer.toString(StandardCharsets.UTF_8);

    for (String key :
        new String[] {"tps_direct", "tps_native_async", "tps_semisync", "native_lag_p50_ms"}) {
      assertTrue(Double.parseDouble(r.get(key)) > 0, key + "=" + r.get(key) + "\n" + text);
    }
    // The moderate phase must yield real samples on both replicas of each system.
    assertTrue(Double.parseDouble(r.get("semisync_lag_p50_ms")) > 0, text);
    assertEquals("na", r.get("tps_quorum"), "WolfScale was not asked for");
    Matcher semi = Pattern.compile("semi-sync acknowledged transactions (\\d+)").matcher(text);
    assertTrue(semi.find() && Long.parseLong(semi.group(1)) > 0, text);
    assertTrue(text.contains("fell back to async 0"), text);
    assertTrue(text.contains("Write throughput, 4 clients"), text);

    assertTrue(
        ProcessHandle.current()
            .descendants()
            .noneMatch(p -> p.info().command().orElse("").endsWith("mariadbd")),
        "a mariadbd outlived the benchmark");
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(0, left.count(), "the benchmark's temp directory was not removed");
    }
  }
}
