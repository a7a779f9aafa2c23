package io.lockstep.realtime.control;

import io.lockstep.cluster.control.Cluster;
import io.lockstep.realtime.entity.SessionEntry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;

/**
 * Every signed-in connection of the cluster: connection id to user, as open-webui's SESSION_POOL.
 */
@ApplicationScoped
public class SessionPool {

  @Inject Cluster cluster;

  private ConcurrentMap<String, SessionEntry> sessions;

  @PostConstruct
  void init() {
    sessions = cluster.map("lockstep.sessions");
  }

  void add(SessionEntry entry) {
    sessions.put(entry.connectionId(), entry);
  }

  void remove(String connectionId) {
    sessions.remove(connectionId);
  }

  /** The entry of a connection on any node. */
  public java.util.Optional<SessionEntry> get(String connectionId) {
    return java.util.Optional.ofNullable(sessions.get(connectionId));
  }

  public Collection<SessionEntry> all() {
    return sessions.values();
  }

  /**
   * Removes the entries of connections on nodes that are no longer in the cluster (a node that died
   * cannot remove its own). Each removal is conditional on the entry being unchanged, so every node
   * may run this at once.
   */
  public int removeAllBut(Set<String> liveNodes) {
    int removed = 0;
    for (SessionEntry entry : List.copyOf(sessions.values())) {
      if (!liveNodes.contains(entry.node()) && sessions.remove(entry.connectionId(), entry)) {
        removed++;
      }
    }
    return removed;
  }
}
