package io.lockstep.admin.control;

import io.lockstep.admin.entity.RecentError;
import io.lockstep.cluster.control.Cluster;
import io.lockstep.realtime.entity.FrameRefused;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The last {@code lockstep.admin.recent-errors} error frames of each node, cluster-wide: each node
 * writes into its own ring of slots in a cluster map, so the list is bounded and needs no cleanup.
 */
@ApplicationScoped
public class RecentErrors {

  private static final String ERRORS = "lockstep.recent-errors";

  @Inject Cluster cluster;

  @Inject
  @ConfigProperty(name = "lockstep.admin.recent-errors", defaultValue = "100")
  int perNode;

  private final AtomicLong written = new AtomicLong();
  private ConcurrentMap<String, RecentError> errors;

  @PostConstruct
  void init() {
    errors = cluster.map(ERRORS);
  }

  void refused(@Observes FrameRefused refused) {
    long slot = written.getAndIncrement() % Math.max(1, perNode);
    errors.put(
        cluster.nodeName() + '\n' + slot,
        new RecentError(
            refused.atMillis(),
            cluster.nodeName(),
            refused.code().wireName(),
            refused.frameType(),
            refused.message(),
            refused.userId(),
            refused.connectionId()));
  }

  /** The newest first, from every node. */
  public List<RecentError> newest(int limit) {
    List<RecentError> all = new ArrayList<>(errors.values());
    all.sort(Comparator.comparingLong(RecentError::atMillis).reversed());
    return all.subList(0, Math.min(limit, all.size()));
  }
}
