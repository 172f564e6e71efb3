package wolf.actors.wal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import wolf.config.WalSettings;

/**
 * Opens {@link Wal}s whose writer runs on a {@link GatedExecutor}, so a test can hold a group
 * commit in flight; {@link #close()} opens the gate and closes them all (call it from
 * {@code @AfterEach}).
 */
final class GatedWals implements AutoCloseable {
  final GatedExecutor io = new GatedExecutor();
  private final ActorSystem<?> system;
  private final SegmentedLog.Options options;
  private final List<Wal> opened = new ArrayList<>();

  GatedWals(ActorSystem<?> system, SegmentedLog.Options options) {
    this.system = system;
    this.options = options;
  }

  Wal open(Path dir, WalSettings settings, WalWriter.Limits limits) throws Exception {
    Wal wal = Wal.open(system, dir, options, settings, limits, Clock.systemUTC(), io);
    opened.add(wal);
    return wal;
  }

  Wal open(Path dir, WalSettings settings) throws Exception {
    return open(dir, settings, WalWriter.Limits.defaults(settings));
  }

  /** Keeps {@code wal} to be closed with the others. */
  Wal track(Wal wal) {
    opened.add(wal);
    return wal;
  }

  @Override
  public void close() {
    io.open();
    opened.forEach(Wal::close);
    io.close();
  }
}
