package wolf.actors.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EpochsTest {

  /** A log as a plain list of terms, index 0 = LSN 1. */
  private static Epochs of(List<Long> terms) {
    return Epochs.read(1, terms.size(), lsn -> OptionalLong.of(terms.get((int) lsn - 1)));
  }

  @Test
  void readFindsEveryTermStart() {
    Epochs e = of(List.of(1L, 1L, 1L, 3L, 3L, 4L));
    assertEquals(
        List.of(new Epochs.Start(1, 1), new Epochs.Start(3, 4), new Epochs.Start(4, 6)),
        e.starts());
    assertEquals(6, e.lastLsn());
    assertEquals(4, e.lastTerm());
    assertEquals(3, e.termAt(5).getAsLong());
    assertTrue(e.termAt(7).isEmpty());
  }

  @Test
  void matchPointIsTheLastLsnWithTheSameTerm() {
    Epochs leader = of(List.of(1L, 1L, 2L, 2L, 4L, 4L));
    assertEquals(6, leader.matchPoint(leader));
    assertEquals(4, leader.matchPoint(of(List.of(1L, 1L, 2L, 2L, 3L, 3L, 3L))));
    assertEquals(2, leader.matchPoint(of(List.of(1L, 1L))));
    assertEquals(0, leader.matchPoint(of(List.of(5L))));
    assertEquals(0, leader.matchPoint(Epochs.empty()));
  }

  @Test
  void resetPointsMatchWhenTheirTermsAgree() {
    Epochs leader = Epochs.resetPoint(100, 3).append(3, 101, 120).append(5, 121, 130);
    assertEquals(100, leader.firstLsn());
    assertEquals(110, leader.matchPoint(Epochs.resetPoint(100, 3).append(3, 101, 110)));
    assertEquals(120, leader.matchPoint(Epochs.resetPoint(110, 3).append(4, 121, 125)));
    assertEquals(0, leader.matchPoint(of(List.of(1L, 1L, 1L))));
  }

  /** Against brute force on random logs that share a prefix and then diverge. */
  @Test
  void matchPointAgreesWithBruteForce() {
    Random random = new Random(7);
    for (int round = 0; round < 2000; round++) {
      List<Long> a = new ArrayList<>();
      long term = 1;
      int shared = random.nextInt(20);
      for (int i = 0; i < shared; i++) {
        term += random.nextInt(4) == 0 ? 1 : 0;
        a.add(term);
      }
      List<Long> b = new ArrayList<>(a);
      long ta = term;
      long tb = term + 1 + random.nextInt(2);
      for (int i = random.nextInt(10); i > 0; i--) {
        ta += random.nextInt(3) == 0 ? 2 : 0;
        a.add(ta);
      }
      for (int i = random.nextInt(10); i > 0; i--) {
        b.add(tb);
        tb += random.nextInt(3) == 0 ? 2 : 0;
      }
      long expected = 0;
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        if (a.get(i).equals(b.get(i))) {
          expected = i + 1;
        }
      }
      assertEquals(expected, of(a).matchPoint(of(b)), a + " vs " + b);
      assertEquals(expected, of(b).matchPoint(of(a)), b + " vs " + a);
    }
  }

  @Test
  void appendAndTruncateKeepTheShape() {
    Epochs e = Epochs.empty().append(1, 1, 5).append(1, 6, 9).append(2, 10, 10);
    assertEquals(List.of(new Epochs.Start(1, 1), new Epochs.Start(2, 10)), e.starts());
    assertEquals(10, e.lastLsn());
    Epochs cut = e.truncateAfter(9);
    assertEquals(List.of(new Epochs.Start(1, 1)), cut.starts());
    assertEquals(9, cut.lastLsn());
    assertEquals(0, e.truncateAfter(0).lastLsn());
    assertTrue(e.truncateAfter(0).starts().isEmpty());
  }
}
