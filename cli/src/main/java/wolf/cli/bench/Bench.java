package wolf.cli.bench;

import java.util.Arrays;

/**
 * Entry point of {@code ./run.sh bench NAME}. Each benchmark prints its figures and, last, one line
 * {@code RESULT NAME key=value ...}.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(
          "usage: bench NAME [options]; benchmarks: failover, wal, replication, net");
      System.exit(1);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "failover" -> FailoverBench.main(rest);
      case "wal" -> WalBench.main(rest);
      case "replication" -> ReplicationBench.main(rest);
      case "net" -> NetBench.main(rest);
      default -> {
        System.err.println(
            "unknown benchmark '" + args[0] + "'; benchmarks: failover, wal, replication, net");
        System.exit(1);
      }
    }
    System.exit(0);
  }
}
