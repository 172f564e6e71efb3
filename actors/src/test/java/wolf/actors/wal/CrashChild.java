package wolf.actors.wal;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import wolf.config.WalSettings;

/**
 * The process {@link WalCrashTest} kills: opens the WAL in {@code args[0]} (1 MiB segments, fsync)
 * and appends as fast as {@value #APPENDERS} appenders can, each waiting for its previous append.
 * Prints {@code READY <lsn>} once open, then {@code ACK <lsn> <appender> <seq> .} for every
 * acknowledged append, flushed as soon as it is printed.
 */
public final class CrashChild {
  static final int APPENDERS = 16;

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int round = Integer.parseInt(args[1]);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "crash-child");
    Wal wal = Wal.open(system, dir, new WalSettings(1000, 0, true, 1, 0, true));
    BufferedWriter out =
        new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII), 1 << 16);
    out.write("READY " + wal.writtenLsn() + "\n");
    out.flush();
    LinkedBlockingQueue<String> acks = new LinkedBlockingQueue<>();
    for (int a = 0; a < APPENDERS; a++) {
      append(wal, round, a, 0, acks);
    }
    List<String> drained = new ArrayList<>();
    while (true) {
      drained.add(acks.take());
      acks.drainTo(drained);
      for (String s : drained) {
        out.write(s);
      }
      out.flush();
      drained.clear();
    }
  }

  private static void append(
      Wal wal, int round, int appender, long seq, LinkedBlockingQueue<String> acks) {
    wal.append(round, payload(round, appender, seq))
        .whenComplete(
            (lsn, err) -> {
              if (err != null) {
                System.err.println("append failed: " + err);
                return;
              }
              acks.add("ACK " + lsn + " " + appender + " " + seq + " .\n");
              append(wal, round, appender, seq + 1, acks);
            });
  }

  /** The payload of one append: derived from its coordinates, so the parent can check it. */
  static byte[] payload(int round, int appender, long seq) {
    Random r = new Random(((long) round * 1_000_003 + appender) * 1_000_000_007L + seq);
    int n = 20 + r.nextInt(700);
    ByteBuffer b = ByteBuffer.allocate(n);
    b.putInt(round).putInt(appender).putLong(seq);
    byte[] rest = new byte[n - 16];
    if (r.nextBoolean()) {
      r.nextBytes(rest);
    } else {
      for (int i = 0; i < rest.length; i++) {
        rest[i] = (byte) ('a' + i % 7);
      }
    }
    return b.put(rest).array();
  }
}
