package io.lockstep.presence.control;

import io.lockstep.cluster.control.Cluster;
import io.lockstep.presence.entity.ModelUsage;
import io.lockstep.presence.entity.UsageEntry;
import io.lockstep.realtime.entity.ConnectionClosed;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * Which model each connection uses, cluster-wide, as open-webui's USAGE_POOL. Entries expire when
 * their connection stops reporting; {@link UsageSweep} removes them.
 */
@ApplicationScoped
public class UsagePool {

  @Inject Cluster cluster;

  private static final String ENTRIES = "lockstep.usage";

  private ConcurrentMap<String, UsageEntry> entries;

  @PostConstruct
  void init() {
    entries = cluster.map(ENTRIES);
  }

  public void record(String model, String connectionId, String userId, long nowMillis) {
    entries.put(key(model, connectionId), new UsageEntry(model, connectionId, userId, nowMillis));
  }

  public List<ModelUsage> inUse() {
    Map<String, Long> counts =
        entries.values().stream()
            .collect(Collectors.groupingBy(UsageEntry::model, Collectors.counting()));
    return counts.entrySet().stream()
        .map(e -> new ModelUsage(e.getKey(), e.getValue().intValue()))
        .sorted(Comparator.comparing(ModelUsage::model))
        .toList();
  }

  /**
   * Removes entries not refreshed since the cutoff. Each removal is conditional on the entry being
   * unchanged, so several nodes may sweep at once and a refresh that races a sweep always survives.
   */
  public int removeOlderThan(long cutoffMillis) {
    int removed = 0;
    for (Map.Entry<String, UsageEntry> entry : entries.entrySet()) {
      if (entry.getValue().isOlderThan(cutoffMillis)
          && entries.remove(entry.getKey(), entry.getValue())) {
        removed++;
      }
    }
    return removed;
  }

  void forgetConnection(@Observes ConnectionClosed closed) {
    List<UsageEntry> ofConnection =
        cluster.valuesByKeyPrefix(ENTRIES, closed.connectionId() + '\n');
    ofConnection.forEach(entry -> entries.remove(key(entry.model(), entry.connectionId()), entry));
  }

  private static String key(String model, String connectionId) {
    return connectionId + '\n' + model;
  }
}
