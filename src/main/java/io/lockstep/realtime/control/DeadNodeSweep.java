package io.lockstep.realtime.control;

import io.lockstep.cluster.control.Cluster;
import io.lockstep.realtime.entity.MemberLost;
import io.lockstep.realtime.entity.NodesLeft;
import io.lockstep.realtime.entity.RoomMember;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every {@code lockstep.cluster.sweep-interval-seconds}, removes the session-pool entries and room
 * memberships of nodes that left the cluster, so a node that died leaves no ghosts in presence or
 * in a document's member list. Every node sweeps (Payara does not coordinate timers across a
 * cluster); removals are conditional, so each entry is removed, and its room told, by one node
 * only.
 *
 * <p>Each node registers itself in {@code lockstep.nodes}; the pools are only scanned when a
 * registered node is missing from the data grid's member list, which happens after Hazelcast's
 * failure detection ({@code hazelcast.max.no.heartbeat.seconds}).
 */
@Singleton
@Startup
public class DeadNodeSweep {

  private static final Logger LOG = Logger.getLogger(DeadNodeSweep.class.getName());

  @Inject Cluster cluster;
  @Inject SessionPool pool;
  @Inject Rooms rooms;
  @Inject Event<MemberLost> memberLost;
  @Inject Event<NodesLeft> nodesLeft;

  @Inject
  @ConfigProperty(name = "lockstep.cluster.sweep-interval-seconds", defaultValue = "5")
  int intervalSeconds;

  @Resource TimerService timers;

  private ConcurrentMap<String, Long> registered;

  /** The nodes this node saw at its last sweep: each node tells itself of the ones that left. */
  private Set<String> seen = Set.of();

  @PostConstruct
  void schedule() {
    registered = cluster.map("lockstep.nodes");
    registered.put(cluster.nodeName(), System.currentTimeMillis());
    seen = cluster.nodeNames();
    if (cluster.isDistributed()) {
      long interval = Math.max(1, intervalSeconds) * 1000L;
      timers.createIntervalTimer(interval, interval, new TimerConfig("dead node sweep", false));
    }
  }

  @Timeout
  void sweep() {
    registered.putIfAbsent(cluster.nodeName(), System.currentTimeMillis());
    Set<String> live = cluster.nodeNames();
    Set<String> gone = new HashSet<>(seen);
    gone.removeAll(live);
    seen = live;
    if (!gone.isEmpty()) {
      nodesLeft.fire(new NodesLeft(Set.copyOf(gone)));
    }
    List<String> lost = registered.keySet().stream().filter(node -> !live.contains(node)).toList();
    if (lost.isEmpty()) {
      return;
    }
    int connections = pool.removeAllBut(live);
    List<RoomMember> memberships = rooms.removeAllBut(live);
    memberships.forEach(member -> memberLost.fire(new MemberLost(member)));
    lost.forEach(registered::remove);
    LOG.info(
        () ->
            "Nodes "
                + lost
                + " left the cluster: removed "
                + connections
                + " of their connections and "
                + memberships.size()
                + " room memberships");
  }
}
