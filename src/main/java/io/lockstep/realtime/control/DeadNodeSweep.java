package io.lockstep.realtime.control;

import io.lockstep.cluster.control.Cluster;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every {@code lockstep.cluster.sweep-interval-seconds}, removes the session-pool entries and room
 * memberships of nodes that left the cluster, so a node that died leaves no ghosts in presence.
 * Every node sweeps (Payara does not coordinate timers across a cluster); {@link
 * SessionPool#removeAllBut} is safe to run concurrently. A dead node leaves the member list after
 * Hazelcast's failure detection ({@code hazelcast.max.no.heartbeat.seconds}); its entries go at the
 * next sweep after that.
 */
@Singleton
@Startup
public class DeadNodeSweep {

  private static final Logger LOG = Logger.getLogger(DeadNodeSweep.class.getName());

  @Inject Cluster cluster;
  @Inject SessionPool pool;
  @Inject Rooms rooms;

  @Inject
  @ConfigProperty(name = "lockstep.cluster.sweep-interval-seconds", defaultValue = "5")
  int intervalSeconds;

  @Resource TimerService timers;

  @PostConstruct
  void schedule() {
    if (cluster.isDistributed()) {
      long interval = Math.max(1, intervalSeconds) * 1000L;
      timers.createIntervalTimer(interval, interval, new TimerConfig("dead node sweep", false));
    }
  }

  @Timeout
  void sweep() {
    Set<String> live = cluster.nodeNames();
    int connections = pool.removeAllBut(live);
    int memberships = rooms.removeAllBut(live);
    if (connections + memberships > 0) {
      LOG.info(
          () ->
              "Removed "
                  + connections
                  + " connections and "
                  + memberships
                  + " room memberships of nodes that left the cluster");
    }
  }
}
