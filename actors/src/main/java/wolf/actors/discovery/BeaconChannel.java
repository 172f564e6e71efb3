package wolf.actors.discovery;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Sends and receives discovery datagrams. The real one is {@link UdpBeaconChannel}; tests may pass
 * an in-memory one. Implementations do all socket I/O on their own threads: no method blocks.
 */
public interface BeaconChannel extends AutoCloseable {

  /**
   * Starts delivering every received datagram (including this node's own) to {@code receiver}, on
   * the channel's thread. Called once.
   */
  void start(Consumer<byte[]> receiver);

  /** Queues {@code datagram} for sending; the stage completes when it was sent or failed. */
  CompletionStage<Void> send(byte[] datagram);

  /** Stops receiving and sending; idempotent. */
  @Override
  void close();
}
