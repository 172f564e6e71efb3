package wolf.cli.bench.repl;

/**
 * One connection of a benchmark client to the system under test, used by exactly one load thread
 * (not thread-safe). A writer inserts a row into {@code bench.t} per request and returns its
 * auto-increment id once the system has acknowledged the write; the lag probes then look for that
 * id on the replicas.
 */
public interface Client extends AutoCloseable {
  /** The table every system is written to. */
  String TABLE_DDL =
      "CREATE TABLE IF NOT EXISTS bench.t (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
          + " k INT NOT NULL, v VARCHAR(64) NOT NULL) ENGINE=InnoDB";

  /**
   * Sends request number {@code seq} of this thread and waits for the answer.
   *
   * @return the id of the row written, or -1 when the request writes nothing
   * @throws Exception whatever the client reported; the caller counts a failed request
   */
  long send(int seq) throws Exception;

  @Override
  void close();
}
