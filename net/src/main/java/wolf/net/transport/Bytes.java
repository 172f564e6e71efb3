package wolf.net.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian integer access to byte arrays, as WireGuard's wire format uses. */
public final class Bytes {
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Bytes() {}

  public static int getIntLe(byte[] b, int off) {
    return (int) INT_LE.get(b, off);
  }

  public static void putIntLe(byte[] b, int off, int v) {
    INT_LE.set(b, off, v);
  }

  public static long getLongLe(byte[] b, int off) {
    return (long) LONG_LE.get(b, off);
  }

  public static void putLongLe(byte[] b, int off, long v) {
    LONG_LE.set(b, off, v);
  }
}
