package wolf.net.tun;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.Pinned;
import jnr.ffi.annotations.SaveError;

/**
 * The few libc calls WolfNet makes directly, bound through jnr-ffi. Arrays are pinned, not copied,
 * for the duration of a call. Constants are Linux x86-64/arm64 values (PLATFORM.md).
 */
public interface LibC {
  int O_RDWR = 2;
  int O_NONBLOCK = 0x800;
  int EAGAIN = 11;
  int EINTR = 4;
  short POLLIN = 1;

  /** Loaded once per JVM. */
  LibC INSTANCE = LibraryLoader.create(LibC.class).load("c");

  /** The runtime of {@link #INSTANCE}, for {@code errno}. */
  static int errno() {
    return Runtime.getRuntime(INSTANCE).getLastError();
  }

  @SaveError
  int open(String path, int flags);

  int close(int fd);

  @SaveError
  int ioctl(int fd, long request, @In @Out byte[] arg);

  /** ioctl with an integer argument passed by value. */
  @SaveError
  int ioctl(int fd, long request, long arg);

  @SaveError
  long read(int fd, @Out @Pinned byte[] buf, long count);

  @SaveError
  long write(int fd, @In @Pinned byte[] buf, long count);

  @SaveError
  int poll(@In @Out byte[] fds, long nfds, int timeoutMillis);

  String strerror(int errnum);
}
