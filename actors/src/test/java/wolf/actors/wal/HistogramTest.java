package wolf.actors.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HistogramTest {
  @Test
  void countsCumulativelyAndRendersPrometheusText() {
    Histogram h = new Histogram("us", 10, 100, 1000);
    for (long v : new long[] {1, 10, 11, 500, 5000}) {
      h.observe(v);
    }
    assertArrayEquals(new long[] {2, 3, 4, 5}, h.cumulativeCounts());
    assertEquals(5, h.count());
    assertEquals(5522, h.sum());
    assertEquals(5000, h.max());
    assertEquals(100, h.quantileUpperBound(0.5));
    assertEquals(Long.MAX_VALUE, h.quantileUpperBound(1.0));
    StringBuilder b = new StringBuilder();
    h.renderPrometheus(b, "x", "help");
    String text = b.toString();
    assertTrue(text.contains("x_bucket{le=\"100\"} 3\n"), text);
    assertTrue(text.contains("x_bucket{le=\"+Inf\"} 5\n"), text);
    assertTrue(text.contains("x_count 5\n"), text);
  }
}
