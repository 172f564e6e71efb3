package wolf.actors.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import wolf.actors.cluster.HandOverGate.Step;

class HandOverGateTest {

  @Test
  void publishesOnlyAfterThePreparationOfThatTarget() {
    HandOverGate gate = new HandOverGate();
    assertEquals(Step.START, gate.offer("node-2"));
    assertEquals(Step.WAIT, gate.offer("node-2"));
    assertTrue(gate.prepared("node-2"));
    assertEquals(Step.PROCEED, gate.offer("node-2"));
  }

  @Test
  void aNewerTargetOrAResetDropsTheOldPreparation() {
    HandOverGate gate = new HandOverGate();
    gate.offer("node-3");
    assertEquals(Step.START, gate.offer("node-2"));
    assertFalse(gate.prepared("node-3"), "stale completion ignored");
    assertTrue(gate.prepared("node-2"));
    gate.reset();
    assertEquals(Step.START, gate.offer("node-2"), "prepared state does not survive a reset");
  }
}
