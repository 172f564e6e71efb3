package wolf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wolf.config.Fixtures.FILE;
import static wolf.config.Fixtures.loopbackWith;
import static wolf.config.Fixtures.onlyProblem;
import static wolf.config.Fixtures.problems;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each mistake an operator can make yields a problem naming the key and saying what is wrong. */
class WolfScaleValidationTest {
  private static void assertProblem(ConfigProblem problem, String key, String reason) {
    assertEquals(key, problem.key(), problem::toString);
    assertEquals(reason, problem.reason(), problem::toString);
  }

  @Test
  void unknownKeySuggestsTheClosestKnownOne() {
    assertProblem(
        onlyProblem(loopbackWith("[api]\nbind_adress = \"0.0.0.0:8080\"\n")),
        "api.bind_adress",
        "unknown key; did you mean 'bind_address'?");
    assertProblem(
        onlyProblem(loopbackWith("[wal]\nsegment-size-mb = 32\n")),
        "wal.segment-size-mb",
        "unknown key; did you mean 'segment_size_mb'?");
    assertProblem(
        onlyProblem(loopbackWith("[wal]\ncolor = \"red\"\n")), "wal.color", "unknown key");
  }

  @Test
  void keyInTheWrongSectionSaysWhereItBelongs() {
    assertProblem(
        onlyProblem(loopbackWith("[proxy]\ntoken = \"x\"\n")),
        "proxy.token",
        "unknown key; did you mean [api] token?");
    assertProblem(
        onlyProblem("peers = []\n" + Fixtures.LOOPBACK),
        "peers",
        "keys belong in a section; did you mean [cluster] peers?");
  }

  @Test
  void unknownSectionIsAnError() {
    assertProblem(
        onlyProblem(loopbackWith("[clustre]\npeers = []\n")),
        "clustre",
        "unknown section [clustre]; did you mean [cluster]?");
    assertProblem(
        onlyProblem(loopbackWith("[metrics]\nenabled = true\n")),
        "metrics",
        "unknown section [metrics]; known sections: node, database, wal, cluster, api, proxy,"
            + " security");
  }

  @Test
  void wrongTypeSaysWhatWasExpectedAndWhatWasFound() {
    assertProblem(
        onlyProblem(loopbackWith("[database]\nport = \"abc\"\n")),
        "database.port",
        "expected an integer, got a string \"abc\"");
    assertProblem(
        onlyProblem(loopbackWith("[wal]\nfsync = \"yes\"\n")),
        "wal.fsync",
        "expected true or false, got a string \"yes\"");
    assertProblem(
        onlyProblem(loopbackWith("[wal]\nbatch_size = 1.5\n")),
        "wal.batch_size",
        "expected an integer, got a float 1.5");
    assertProblem(
        onlyProblem(loopbackWith("[cluster]\npeers = \"10.0.0.1:7654\"\n")),
        "cluster.peers",
        "expected an array, got a string \"10.0.0.1:7654\"");
  }

  @Test
  void integersOutOfRangeNameTheRange() {
    assertProblem(
        onlyProblem(loopbackWith("[database]\nport = 70000\n")),
        "database.port",
        "must be between 1 and 65535, got 70000");
    assertProblem(
        onlyProblem(loopbackWith("[wal]\nsegment_size_mb = 99999999999999\n")),
        "wal.segment_size_mb",
        "must be between 1 and 4096, got 99999999999999");
  }

  @Test
  void badEnumValueListsTheAllowedOnes() {
    assertProblem(
        onlyProblem(loopbackWith("[cluster]\ncommit_mode = \"fast\"\n")),
        "cluster.commit_mode",
        "must be one of \"async\", \"quorum\", \"all\", got \"fast\"");
  }

  @Test
  void enumValuesAreLowerCase() {
    assertProblem(
        onlyProblem(loopbackWith("[cluster]\ncommit_mode = \"ALL\"\n")),
        "cluster.commit_mode",
        "must be one of \"async\", \"quorum\", \"all\", got \"ALL\" (values are lower case)");
  }

  @Test
  void missingNodeIdIsAnError() {
    assertProblem(
        onlyProblem("[security]\ntransport = \"tcp\"\n[node]\nbind_address = \"127.0.0.1:1\"\n"),
        "node.id",
        "required key is missing; add it to [node], e.g. id = \"node-1\"");
  }

  @Test
  void namesMustBeUsableAsIdentifiers() {
    String toml =
        """
        [node]
        id = "node 1"
        bind_address = "127.0.0.1:7654"
        [security]
        transport = "tcp"
        [cluster]
        cluster_name = "my.cluster"
        """;
    List<ConfigProblem> problems = problems(toml);
    assertEquals(List.of("node.id", "cluster.cluster_name"), keys(problems));
    assertTrue(problems.get(1).reason().endsWith("got \"my.cluster\""), problems.get(1)::toString);
  }

  @Test
  void badAddressesAreErrorsWithTheirIndex() {
    List<ConfigProblem> problems =
        problems(
            loopbackWith(
                """
                [api]
                bind_address = "0.0.0.0"
                [cluster]
                peers = ["10.0.0.1:7654", "10.0.0.2:99999", ":7654"]
                """));
    assertEquals(
        List.of("cluster.peers[1]", "cluster.peers[2]", "api.bind_address"), keys(problems));
    assertTrue(problems.get(0).reason().contains("port must be between 1 and 65535"));
    assertTrue(problems.get(1).reason().contains("empty host"));
    assertEquals(
        "invalid address \"0.0.0.0\": missing port (expected host:port, e.g. 10.0.0.1:7654)",
        problems.get(2).reason());
  }

  @Test
  void duplicatePeersNameBothIndexes() {
    assertProblem(
        onlyProblem(
            loopbackWith(
                "[cluster]\npeers = [\"10.0.0.1:7654\", \"10.0.0.2:7654\", \"10.0.0.1:7654\"]\n")),
        "cluster.peers[2]",
        "duplicate of cluster.peers[0] (10.0.0.1:7654)");
  }

  @Test
  void ownAddressMayBeAmongThePeers() throws ConfigException {
    String toml = loopbackWith("[cluster]\npeers = [\"127.0.0.1:7654\", \"127.0.0.1:7655\"]\n");
    assertEquals(2, WolfScaleConfig.parse(toml, FILE).cluster().peers().size());
  }

  @Test
  void advertiseAddressMustBeReachable() {
    assertProblem(
        onlyProblem(
            "[node]\nid = \"n1\"\nbind_address = \"127.0.0.1:1\"\nadvertise_address = \"0.0.0.0:1\"\n"
                + "[security]\ntransport = \"tcp\"\n"),
        "node.advertise_address",
        "must be an address other nodes can reach, not the wildcard 0.0.0.0:1");
  }

  @Test
  void electionTimeoutMustCoverTwoHeartbeats() {
    assertProblem(
        onlyProblem(
            loopbackWith("[cluster]\nheartbeat_interval_ms = 500\nelection_timeout_ms = 900\n")),
        "cluster.election_timeout_ms",
        "must be at least twice cluster.heartbeat_interval_ms (2 x 500 = 1000), got 900");
  }

  @Test
  void twoListenersOnOnePortAreAnError() {
    assertProblem(
        onlyProblem(loopbackWith("[api]\nbind_address = \"0.0.0.0:7654\"\n")),
        "api.bind_address",
        "port 7654 is already used by node.bind_address (127.0.0.1:7654)");
  }

  @Test
  void multipleProblemsAreReportedTogether() {
    String toml =
        """
        [node]
        bind_address = "0.0.0.0:7654"
        [database]
        port = 0
        user = ""
        [wal]
        compresion = true
        [cluster]
        commit_mode = "majority"
        peers = ["a:1", "a:1"]
        [security]
        transport = "tcp"
        """;
    ConfigException e =
        assertThrows(ConfigException.class, () -> WolfScaleConfig.parse(toml, FILE));

    assertEquals(
        List.of(
            "wal.compresion",
            "node.id",
            "database.port",
            "database.user",
            "cluster.commit_mode",
            "cluster.peers[1]",
            "security.transport"),
        keys(e.problems()));
    String[] lines = e.getMessage().split("\n");
    assertEquals(7, lines.length);
    assertEquals(FILE + ": wal.compresion: unknown key; did you mean 'compression'?", lines[0]);
  }

  @Test
  void syntaxErrorGivesLineAndColumnAndNothingElse() {
    ConfigProblem problem = onlyProblem("[node]\nid = \"n1\"\nbind_address = 0.0.0.0:7654\n");
    assertEquals("(syntax)", problem.key());
    assertTrue(problem.reason().startsWith("line 3, column "), problem::toString);
  }

  static List<String> keys(List<ConfigProblem> problems) {
    return problems.stream().map(ConfigProblem::key).toList();
  }
}
