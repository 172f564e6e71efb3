package wolf.scale.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LeaderUuidsTest {
  @Test
  void uuidsAreVersionOneUniqueAndShortIdsIncrease() {
    LeaderUuids u = new LeaderUuids(7);
    Set<String> seen = new HashSet<>();
    long prev = 0;
    for (int i = 0; i < 10_000; i++) {
      String s = u.uuid();
      assertTrue(
          s.matches("[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), s);
      assertEquals(1, UUID.fromString(s).version());
      assertTrue(seen.add(s), "duplicate " + s);
      long sh = u.uuidShort();
      assertTrue(Long.compareUnsigned(sh, prev) > 0);
      assertEquals(7, sh >>> 56);
      prev = sh;
    }
  }
}
