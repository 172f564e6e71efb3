package wolf.actors.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wolf.config.CommitMode;

class QuorumTest {
  private static final List<String> THREE = List.of("a", "b", "c");

  @Test
  void quorumIsTheMajorityHighest() {
    assertEquals(7, Quorum.commitLsn(CommitMode.QUORUM, "a", THREE, 3, Map.of("a", 9L, "b", 7L)));
    assertEquals(
        8, Quorum.commitLsn(CommitMode.QUORUM, "a", THREE, 3, Map.of("a", 9L, "b", 7L, "c", 8L)));
  }

  @Test
  void aLoneLeaderOfAnExpectedThreeCommitsNothing() {
    assertEquals(0, Quorum.commitLsn(CommitMode.QUORUM, "a", List.of("a"), 3, Map.of("a", 9L)));
    assertEquals(9, Quorum.commitLsn(CommitMode.QUORUM, "a", List.of("a"), 1, Map.of("a", 9L)));
  }

  @Test
  void allNeedsEveryMemberAndAsyncOnlyTheLeader() {
    assertEquals(0, Quorum.commitLsn(CommitMode.ALL, "a", THREE, 3, Map.of("a", 9L, "b", 7L)));
    assertEquals(
        5, Quorum.commitLsn(CommitMode.ALL, "a", THREE, 3, Map.of("a", 9L, "b", 7L, "c", 5L)));
    assertEquals(9, Quorum.commitLsn(CommitMode.ASYNC, "a", THREE, 3, Map.of("a", 9L)));
  }

  @Test
  void aGrownClusterNeedsTheLargerMajority() {
    List<String> five = List.of("a", "b", "c", "d", "e");
    assertEquals(
        4, Quorum.commitLsn(CommitMode.QUORUM, "a", five, 3, Map.of("a", 9L, "b", 8L, "c", 4L)));
    assertEquals(0, Quorum.commitLsn(CommitMode.QUORUM, "a", five, 3, Map.of("a", 9L, "b", 8L)));
  }
}
