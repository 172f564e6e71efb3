package wolf.actors.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import wolf.actors.discovery.Beacon.State;

class JoinRuleTest {

  private static Beacon beacon(String id, String address, State state) {
    return new Beacon("alpha", id, address, state);
  }

  @Test
  void waitsThreeIntervalsBeforeFormingAlone() {
    assertInstanceOf(JoinRule.Wait.class, JoinRule.decide("node-5", 0, List.of()));
    assertInstanceOf(JoinRule.Wait.class, JoinRule.decide("node-5", 2, List.of()));
    assertInstanceOf(JoinRule.Form.class, JoinRule.decide("node-5", 3, List.of()));
  }

  @Test
  void upOrFormingSendersAreSeedsAtOnce() {
    JoinRule.Decision d =
        JoinRule.decide(
            "node-1",
            0,
            List.of(
                beacon("node-9", "h:9", State.UP),
                beacon("node-2", "h:2", State.SEARCHING),
                beacon("node-7", "h:7", State.FORMING)));
    assertEquals(new JoinRule.JoinSeeds(List.of("h:7", "h:9")), d);
  }

  @Test
  void lowestNaturalIdFormsOthersJoinIt() {
    List<Beacon> heard =
        List.of(beacon("node-10", "h:10", State.SEARCHING), beacon("node-9", "h:9", State.JOINING));
    assertInstanceOf(JoinRule.Form.class, JoinRule.decide("node-2", 3, heard));
    assertEquals(new JoinRule.JoinSeeds(List.of("h:9")), JoinRule.decide("node-11", 3, heard));
  }
}
