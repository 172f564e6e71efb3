package wolf.actors.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NodeIdsTest {

  @Test
  void digitRunsCompareNumerically() {
    List<String> ids =
        new ArrayList<>(List.of("node-10", "node-2", "node-9", "node-100", "node-1"));
    ids.sort(NodeIds.NATURAL);
    assertEquals(List.of("node-1", "node-2", "node-9", "node-10", "node-100"), ids);
  }

  @Test
  void naturalOrderDiffersFromLexicalOrder() {
    assertTrue(NodeIds.NATURAL.compare("node-2", "node-10") < 0);
    assertTrue("node-2".compareTo("node-10") > 0, "lexically node-10 would lead");
  }

  @Test
  void textRunsCompareLexicallyAndShorterPrefixFirst() {
    List<String> ids =
        new ArrayList<>(List.of("db-2", "b", "a10", "a2", "node-10a", "node-10", "node-10-1", "a"));
    ids.sort(NodeIds.NATURAL);
    assertEquals(List.of("a", "a2", "a10", "b", "db-2", "node-10", "node-10-1", "node-10a"), ids);
  }

  @Test
  void multipleAndHugeNumbers() {
    assertTrue(NodeIds.NATURAL.compare("rack1-node2", "rack1-node10") < 0);
    assertTrue(NodeIds.NATURAL.compare("rack2-node1", "rack10-node1") < 0);
    assertTrue(NodeIds.NATURAL.compare("n99999999999999999999", "n100000000000000000000") < 0);
  }

  @Test
  void equalValueDifferentSpellingIsStillTotal() {
    assertTrue(NodeIds.NATURAL.compare("node-02", "node-2") != 0);
    assertEquals(0, NodeIds.NATURAL.compare("node-2", "node-2"));
    assertEquals(
        Integer.signum(NodeIds.NATURAL.compare("node-02", "node-2")),
        -Integer.signum(NodeIds.NATURAL.compare("node-2", "node-02")));
  }

  @Test
  void orderIsTransitiveOnRandomIds() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      ids.add(randomId(random));
    }
    Collections.shuffle(ids, random);
    ids.sort(NodeIds.NATURAL);
    for (int i = 0; i + 1 < ids.size(); i++) {
      for (int j = i + 1; j < ids.size(); j++) {
        assertTrue(
            NodeIds.NATURAL.compare(ids.get(i), ids.get(j)) <= 0,
            "seed " + seed + ": " + ids.get(i) + " vs " + ids.get(j));
      }
    }
  }

  private static String randomId(Random random) {
    String[] parts = {"node-", "n", "db", "-", "0", "7", "10", "002", "a"};
    StringBuilder sb = new StringBuilder();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.append(parts[random.nextInt(parts.length)]);
    }
    return sb.toString();
  }
}
