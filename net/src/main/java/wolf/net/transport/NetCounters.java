package wolf.net.transport;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters for one WolfNet device: drops by {@link DropReason} and events by {@link NetStat}.
 * Thread-safe and cheap to bump from many packet threads ({@link LongAdder}).
 */
public final class NetCounters {
  private final LongAdder[] drops = adders(DropReason.values().length);
  private final LongAdder[] stats = adders(NetStat.values().length);

  private static LongAdder[] adders(int n) {
    LongAdder[] a = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      a[i] = new LongAdder();
    }
    return a;
  }

  public void drop(DropReason reason) {
    drops[reason.ordinal()].increment();
  }

  public long dropped(DropReason reason) {
    return drops[reason.ordinal()].sum();
  }

  public long droppedTotal() {
    long sum = 0;
    for (LongAdder a : drops) {
      sum += a.sum();
    }
    return sum;
  }

  public void add(NetStat stat, long n) {
    stats[stat.ordinal()].add(n);
  }

  public void increment(NetStat stat) {
    stats[stat.ordinal()].increment();
  }

  public long get(NetStat stat) {
    return stats[stat.ordinal()].sum();
  }

  /**
   * All counters by name, drops as {@code dropped_<reason>} and events as their lower-case name, in
   * declaration order (for status output and Prometheus).
   */
  public Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (NetStat s : NetStat.values()) {
      m.put(s.name().toLowerCase(Locale.ROOT), get(s));
    }
    for (DropReason r : DropReason.values()) {
      m.put("dropped_" + r.name().toLowerCase(Locale.ROOT), dropped(r));
    }
    return m;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("NetCounters{");
    snapshot()
        .forEach(
            (k, v) -> {
              if (v != 0) {
                sb.append(k).append('=').append(v).append(' ');
              }
            });
    return sb.append('}').toString();
  }
}
