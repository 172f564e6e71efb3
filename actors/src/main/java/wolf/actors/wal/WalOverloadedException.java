package wolf.actors.wal;

/**
 * The writer's queue is full (by record count or by bytes): the append was not accepted and has no
 * LSN. Retriable after a back-off; persistent overload means the disk cannot keep up.
 */
public final class WalOverloadedException extends WalException {
  public WalOverloadedException(String message) {
    super(message, null);
  }

  @Override
  public boolean retriable() {
    return true;
  }
}
