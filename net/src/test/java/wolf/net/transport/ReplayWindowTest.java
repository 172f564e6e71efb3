package wolf.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {
  private final ReplayWindow w = new ReplayWindow();

  @Test
  void windowIsAtLeast2048Counters() {
    assertEquals(4032, ReplayWindow.WINDOW);
  }

  @Test
  void inOrderThenDuplicates() {
    for (long c = 0; c < 10_000; c++) {
      assertEquals(ReplayWindow.OK, w.check(c));
      assertEquals(ReplayWindow.OK, w.accept(c));
    }
    assertEquals(ReplayWindow.DUPLICATE, w.check(9_999));
    assertEquals(ReplayWindow.DUPLICATE, w.accept(9_999));
    assertEquals(ReplayWindow.DUPLICATE, w.check(9_999 - ReplayWindow.WINDOW + 1));
    assertEquals(ReplayWindow.TOO_OLD, w.check(9_999 - ReplayWindow.WINDOW));
    assertEquals(ReplayWindow.TOO_OLD, w.accept(0));
  }

  @Test
  void outOfOrderWithinWindowIsAcceptedOnce() {
    w.accept(5000);
    for (long c = 4999; c > 5000 - ReplayWindow.WINDOW; c -= 3) {
      assertEquals(ReplayWindow.OK, w.accept(c), "counter " + c);
      assertEquals(ReplayWindow.DUPLICATE, w.accept(c), "counter " + c);
    }
    assertEquals(ReplayWindow.TOO_OLD, w.accept(5000 - ReplayWindow.WINDOW));
    assertEquals(5000, w.highest());
  }

  @Test
  void checkDoesNotChangeTheWindow() {
    w.accept(10);
    assertEquals(ReplayWindow.OK, w.check(1_000_000));
    assertEquals(ReplayWindow.OK, w.check(9));
    assertEquals(10, w.highest());
    assertEquals(ReplayWindow.OK, w.accept(9));
  }

  @Test
  void bigJumpClearsTheWholeRingAndWrapsAround() {
    for (long c = 0; c < 64 * 64; c++) {
      w.accept(c);
    }
    // Jump far enough that every ring slot is reused: stale bits must not read as duplicates.
    long base = 64L * 64 * 3 + 17;
    assertEquals(ReplayWindow.OK, w.accept(base));
    for (long c = base - 1; c > base - ReplayWindow.WINDOW; c--) {
      assertEquals(ReplayWindow.OK, w.check(c), "counter " + c + " mistaken for a duplicate");
    }
    // A jump of less than a ring: blocks between old and new highest are cleared, others kept.
    long next = base + 100;
    assertEquals(ReplayWindow.OK, w.accept(next));
    assertEquals(ReplayWindow.DUPLICATE, w.check(base));
    assertEquals(ReplayWindow.OK, w.check(base + 50));
  }

  /** A seeded random walk compared with an exact model (a set of every counter seen). */
  @Test
  void agreesWithAnExactModel() {
    long seed = 20261122L;
    Random random = new Random(seed);
    Set<Long> seen = new HashSet<>();
    long highest = 0;
    for (int i = 0; i < 200_000; i++) {
      long c = Math.max(0, highest + random.nextInt(6000) - 4500);
      int expected;
      if (seen.contains(c) && highest - c < ReplayWindow.WINDOW) {
        expected = ReplayWindow.DUPLICATE;
      } else if (c <= highest && highest - c >= ReplayWindow.WINDOW) {
        expected = ReplayWindow.TOO_OLD;
      } else {
        expected = ReplayWindow.OK;
      }
      assertEquals(expected, w.check(c), "seed " + seed + " step " + i + " counter " + c);
      if (random.nextInt(4) > 0) {
        assertEquals(expected, w.accept(c), "seed " + seed + " step " + i);
        if (expected == ReplayWindow.OK) {
          seen.add(c);
          highest = Math.max(highest, c);
        }
      }
    }
  }
}
