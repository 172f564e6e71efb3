package wolf.cli.bench.repl;

/** Told of every acknowledged write by the load threads; must be cheap and thread-safe. */
public interface AckListener {
  /** The write that created row {@code id} was acknowledged at {@code atNanos} (nanoTime). */
  void offer(long id, long atNanos);
}
