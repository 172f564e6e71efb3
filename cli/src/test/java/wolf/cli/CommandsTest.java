package wolf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI as a user meets it: exit codes, messages, files written. */
public class CommandsTest {
  @TempDir Path dir;

  public record Run(int code, String out, String err) {}

  public static Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Cli.commandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void initWritesAConfigThatValidatesAndPrivateKeyMaterial() throws Exception {
    Path cfg = dir.resolve("etc/wolfscale.toml");
    Run init =
        run(
            new WolfScaleMain(),
            "init",
            "-c",
            cfg.toString(),
            "--node-id",
            "node-7",
            "--bind",
            "127.0.0.1:7700");
    assertEquals(0, init.code(), init.err());
    assertTrue(Files.exists(cfg.resolveSibling("cluster.p12")));
    assertEquals(
        java.util.Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(cfg.resolveSibling("cluster.p12")));
    Run v = run(new WolfScaleMain(), "validate", "-c", cfg.toString());
    assertEquals(0, v.code(), v.out());
    assertTrue(v.out().contains("OK"));
    Run info = run(new WolfScaleMain(), "info", "-c", cfg.toString(), "--json");
    assertEquals(0, info.code(), info.err());
    JsonNode n = new ObjectMapper().readTree(info.out());
    assertEquals("node-7", n.path("node").path("id").asText());
    assertEquals("********", n.path("security").path("key_store_password").asText());

    Run again = run(new WolfScaleMain(), "init", "-c", cfg.toString());
    assertEquals(Cli.BAD_INPUT, again.code());
    assertTrue(again.err().contains("--force"), again.err());
  }

  @Test
  void resetDeletesTheWalOnlyWithForceAndOnlyWhenTheNodeIsStopped() throws Exception {
    Path cfg = dir.resolve("reset/wolfscale.toml");
    Path data = dir.resolve("reset/data");
    Files.createDirectories(cfg.getParent());
    Files.writeString(
        cfg,
        "[node]\nid = \"node-4\"\nbind_address = \"127.0.0.1:7700\"\ndata_dir = \""
            + data
            + "\"\n[security]\ntransport = \"tcp\"\n");
    Path wal = data.resolve("wal");
    Files.createDirectories(wal);
    Files.writeString(wal.resolve("wal-00000000000000000001.open"), "x");
    Files.writeString(data.resolve("promise"), "3 node-1\n");

    Run refused = run(new WolfCtlMain(), "reset", "-c", cfg.toString());
    assertEquals(Cli.BAD_INPUT, refused.code());
    assertTrue(refused.err().contains("--force"), refused.err());
    assertTrue(Files.exists(wal.resolve("wal-00000000000000000001.open")));

    try (var ch =
            java.nio.channels.FileChannel.open(
                wal.resolve("wal.lock"),
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
        var lock = ch.lock()) {
      Run busy = run(new WolfCtlMain(), "reset", "-c", cfg.toString(), "--force");
      assertTrue(busy.code() != 0, busy.out());
      assertTrue(busy.err().contains("in use") || busy.err().contains("lock"), busy.err());
    }

    Run done = run(new WolfCtlMain(), "reset", "-c", cfg.toString(), "--force");
    assertEquals(0, done.code(), done.err());
    assertFalse(Files.exists(wal));
    assertTrue(Files.exists(data.resolve("promise")), "the promise is kept");
  }

  @Test
  void validatePrintsEveryProblemWithItsKeyAndExits1() throws Exception {
    Path cfg = dir.resolve("bad.toml");
    Files.writeString(
        cfg,
        String.join(
            "\n",
            "[node]",
            "bind_adress = \"127.0.0.1:7654\"",
            "[database]",
            "port = \"three\"",
            "[cluster]",
            "peers = [\"a:1\", \"a:1\"]",
            ""));
    Run v = run(new WolfScaleMain(), "validate", "-c", cfg.toString());
    assertEquals(1, v.code());
    for (String key : List.of("node.id", "node.bind_adress", "database.port", "cluster.peers")) {
      assertTrue(v.out().contains(key), key + " missing in:\n" + v.out());
    }
    Run json = run(new WolfScaleMain(), "validate", "-c", cfg.toString(), "--json");
    assertEquals(1, json.code());
    JsonNode n = new ObjectMapper().readTree(json.out());
    assertTrue(n.path("problems").size() >= 4, json.out());
  }

  @Test
  void startWithABadFileStopsWithTheProblems() throws Exception {
    Path cfg = dir.resolve("bad.toml");
    Files.writeString(cfg, "[node]\nid = \"n1\"\n[cluster]\ncommit_mode = \"sometimes\"\n");
    Run r = run(new WolfScaleMain(), "start", "-c", cfg.toString());
    assertEquals(Cli.BAD_INPUT, r.code());
    assertTrue(r.err().contains("cluster.commit_mode"), r.err());
  }

  @Test
  void everyCommandHasHelp() {
    for (Object root : List.of(new WolfScaleMain(), new WolfCtlMain())) {
      CommandLine cl = Cli.commandLine(root);
      for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
        if (sub.getKey().equals("help")) {
          continue;
        }
        Run r = run(root, sub.getKey(), "--help");
        assertEquals(0, r.code(), sub.getKey());
        assertTrue(r.out().contains("Usage:"), sub.getKey() + ": " + r.out());
      }
    }
  }

  @Test
  void wolfctlReportsAnUnreachableNodeClearly() {
    Run r =
        run(
            new WolfCtlMain(),
            "list",
            "servers",
            "--api",
            "http://127.0.0.1:1",
            "--timeout-ms",
            "500");
    assertEquals(Cli.UNREACHABLE, r.code());
    assertTrue(r.err().contains("cannot reach a node at http://127.0.0.1:1"), r.err());
  }
}
