package wolf.cli.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import wolf.cli.Cli;
import wolf.cli.WolfCtlMain;
import wolf.cli.local.LocalCluster;

/**
 * {@code ./run.sh demo}: a 3-node WolfScale cluster on loopback (one JVM per node, TLS between
 * them, each with its own MariaDB), a few writes through the HTTP API of a follower, {@code wolfctl
 * list servers}, then waits for Ctrl-C and stops every node and database.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws Exception {
    Path base = Path.of(System.getenv().getOrDefault("WOLF_DEMO_DIR", ".demo")).toAbsolutePath();
    System.out.println("starting 3 WolfScale nodes under " + base + " ...");
    LocalCluster c = LocalCluster.create(base, "demo", 3, List.of("-Xmx256m"));
    System.out.println("starting a MariaDB for each node ...");
    c.startDatabases();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("\nstopping all nodes ...");
                  for (int i = 0; i < 3; i++) {
                    try {
                      c.stop(i);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                  c.close();
                  System.out.println("all nodes stopped.");
                  stopped.countDown();
                }));
    for (int i = 0; i < 3; i++) {
      c.start(i, i == 0);
    }
    String leader = c.awaitFormed(Duration.ofSeconds(120));
    System.out.println("cluster formed; leader " + leader + "\n");
    String api = c.node(1).apiUrl();
    DemoWrites.run(c, api);
    System.out.println("$ wolfctl --api " + api + " list servers");
    CommandLine cl = Cli.commandLine(new WolfCtlMain());
    cl.execute("list", "servers", "--api", api);
    System.out.println();
    for (LocalCluster.Node n : c.nodes()) {
      System.out.printf(
          "%s: cluster %s, API %s, config %s, log %s%n",
          n.id(), n.clusterAddress(), n.apiUrl(), n.config(), n.dir().resolve("node.log"));
    }
    System.out.println(
        "\ntry: bin/wolfctl --api "
            + api
            + " list servers   |   bin/wolfctl --api "
            + api
            + " stats   |   curl "
            + api
            + "/status");
    System.out.println(
        "     curl -X POST "
            + api
            + "/write/insert -d '{\"database\":\"demo\",\"table\":\"notes\","
            + "\"values\":{\"body\":\"hello\"}}'");
    System.out.printf(
        "     mariadb -h127.0.0.1 -P%d -u%s -p%s demo -e 'SELECT * FROM notes'   (node-3's copy)%n",
        c.database(2).port(),
        wolf.scale.mariadb.MariaDbServer.USER,
        wolf.scale.mariadb.MariaDbServer.PASSWORD);
    System.out.println("Ctrl-C stops every node.");
    stopped.await();
  }
}
