package wolf.net.handshake;

/**
 * Where MAC1 and MAC2 sit: the last 32 bytes of an initiation or response. MAC1 covers everything
 * before it; MAC2 covers everything before it, MAC1 included.
 */
final class Macs {
  static final int BYTES = 32;

  private Macs() {}

  static int mac1Offset(int len) {
    return len - 32;
  }

  static int mac2Offset(int len) {
    return len - 16;
  }
}
