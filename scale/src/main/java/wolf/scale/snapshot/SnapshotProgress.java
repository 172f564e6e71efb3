package wolf.scale.snapshot;

import java.util.Optional;

/**
 * The last snapshot fetch of this node, for {@code /status} and {@code wolfctl migrate}.
 * Thread-safe: written by the transfer, read by status requests.
 */
public final class SnapshotProgress {

  /**
   * @param state {@code none}, {@code running}, {@code done} or {@code failed}
   * @param from the source node
   * @param bytes bytes received so far
   * @param lsn the snapshot's LSN ({@code done} only)
   * @param error why it failed ({@code failed} only)
   */
  public record View(String state, String from, long bytes, long lsn, Optional<String> error) {}

  private volatile View view = new View("none", "", 0, 0, Optional.empty());

  public View view() {
    return view;
  }

  void started(String from) {
    view = new View("running", from, 0, 0, Optional.empty());
  }

  void bytes(long n) {
    View v = view;
    view = new View(v.state(), v.from(), n, 0, Optional.empty());
  }

  void done(SnapshotInstalled i) {
    view = new View("done", view.from(), i.bytes(), i.lsn(), Optional.empty());
  }

  void failed(String why) {
    View v = view;
    view = new View("failed", v.from(), v.bytes(), 0, Optional.of(why));
  }
}
