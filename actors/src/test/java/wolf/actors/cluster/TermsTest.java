package wolf.actors.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TermsTest {

  @Test
  void firstNodeToSeeAChangeStartsATermOthersJoinIt() {
    Terms a = new Terms();
    Terms b = new Terms();
    for (Terms t : new Terms[] {a, b}) {
      t.leaderChanged(OptionalLong.empty());
    }
    assertEquals(1, a.current());
    // a notices a failover first and announces (X, 2); b then moves to X as well.
    assertEquals(2, a.leaderChanged(OptionalLong.empty()));
    b.seen(2);
    assertEquals(2, b.leaderChanged(OptionalLong.of(2)));
  }

  @Test
  void staleAnnouncementStartsANewTermAboveEverythingSeen() {
    Terms t = new Terms();
    t.leaderChanged(OptionalLong.empty()); // 1
    t.seen(7); // someone else is at 7 with another leader
    assertEquals(8, t.leaderChanged(OptionalLong.of(3)));
  }

  @Test
  void adoptsOnlyHigherTermsAndNeverDecreases() {
    Terms t = new Terms();
    t.leaderChanged(OptionalLong.empty());
    assertTrue(t.adopt(5));
    assertEquals(5, t.current());
    assertFalse(t.adopt(4));
    assertFalse(t.adopt(5));
    assertEquals(5, t.current());
    assertEquals(6, t.leaderChanged(OptionalLong.of(5)));
  }

  @Test
  void joiningNodeAdoptsTheClusterTermWithoutIncrementing() {
    Terms fresh = new Terms();
    fresh.seen(12);
    assertEquals(12, fresh.leaderChanged(OptionalLong.of(12)));
  }
}
