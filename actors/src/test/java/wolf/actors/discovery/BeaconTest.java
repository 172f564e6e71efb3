package wolf.actors.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BeaconTest {

  @Test
  void roundTrips() {
    Beacon b = new Beacon("alpha", "node-2", "10.0.0.2:7355", Beacon.State.FORMING);
    assertEquals(b, Beacon.decode(b.encode()));
  }

  @Test
  void ignoresUnknownKeysAndRejectsGarbage() {
    String text = "wolf-beacon/1\nfuture=x\ncluster=a\nnode=n\naddress=h:1\nstate=UP\n";
    assertEquals(
        new Beacon("a", "n", "h:1", Beacon.State.UP),
        Beacon.decode(text.getBytes(StandardCharsets.UTF_8)));
    assertThrows(IllegalArgumentException.class, () -> Beacon.decode(new byte[] {1, 2, 3}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Beacon.decode("wolf-beacon/1\ncluster=a\n".getBytes(StandardCharsets.UTF_8)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Beacon.decode(
                "wolf-beacon/1\ncluster=a\nnode=n\naddress=h:1\nstate=BOGUS\n"
                    .getBytes(StandardCharsets.UTF_8)));
  }
}
