package wolf.cli.net;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

/**
 * A TCP transfer with a checksum, run inside namespaces by {@link WolfNetNamespacesTest}: {@code
 * server PORT} accepts one connection and prints the SHA-256 of everything received; {@code client
 * HOST PORT BYTES SEED} sends that many seeded pseudo-random bytes and prints their SHA-256.
 */
public final class TcpCheck {
  private TcpCheck() {}

  public static void main(String[] args) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[64 * 1024];
    if (args[0].equals("server")) {
      try (ServerSocket server = new ServerSocket()) {
        server.bind(new InetSocketAddress(Integer.parseInt(args[1])));
        System.out.println("listening");
        System.out.flush();
        try (Socket s = server.accept();
            InputStream in = s.getInputStream()) {
          long total = 0;
          for (int n; (n = in.read(buf)) > 0; ) {
            sha.update(buf, 0, n);
            total += n;
          }
          System.out.println("received " + total + " " + HexFormat.of().formatHex(sha.digest()));
        }
      }
    } else {
      long bytes = Long.parseLong(args[3]);
      Random random = new Random(Long.parseLong(args[4]));
      try (Socket s = new Socket(args[1], Integer.parseInt(args[2]));
          OutputStream out = s.getOutputStream()) {
        for (long left = bytes; left > 0; ) {
          random.nextBytes(buf);
          int n = (int) Math.min(buf.length, left);
          out.write(buf, 0, n);
          sha.update(buf, 0, n);
          left -= n;
        }
      }
      System.out.println("sent " + bytes + " " + HexFormat.of().formatHex(sha.digest()));
    }
  }
}
