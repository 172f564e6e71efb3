package wolf.net.transport;

import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Receiver indices → sessions. An index is a random 32-bit value, reserved when a handshake starts
 * (so the response can name it) and then taken over by the session the handshake creates, as
 * WireGuard does. Random indices keep an attacker from guessing live ones cheaply. Thread-safe:
 * lookups are lock-free.
 */
public final class SessionTable {
  private static final Object RESERVED = new Object();

  private final ConcurrentHashMap<Integer, Object> byIndex = new ConcurrentHashMap<>();
  private final SecureRandom random;

  public SessionTable(SecureRandom random) {
    this.random = random;
  }

  public SessionTable() {
    this(new SecureRandom());
  }

  /** A fresh index, unused until {@link #install} or {@link #release}. */
  public int reserve() {
    while (true) {
      int index = random.nextInt();
      if (byIndex.putIfAbsent(index, RESERVED) == null) {
        return index;
      }
    }
  }

  /** Puts {@code session} under its (reserved) local index. */
  public void install(Session session) {
    byIndex.put(session.localIndex(), session);
  }

  /** Frees an index, whether reserved or holding a session. */
  public void release(int index) {
    byIndex.remove(index);
  }

  /** Retires {@code session} and frees its index if it still holds it. */
  public void remove(Session session) {
    session.retire();
    byIndex.remove(session.localIndex(), session);
  }

  /** The live session with this local index, or null. */
  public Session get(int index) {
    return byIndex.get(index) instanceof Session s ? s : null;
  }

  /** Reserved and installed indices. */
  public int size() {
    return byIndex.size();
  }
}
