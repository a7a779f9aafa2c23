package io.lockstep.realtime.control;

import io.lockstep.realtime.entity.CloseCodes;
import io.lockstep.realtime.entity.NodesLeft;
import io.lockstep.realtime.entity.StreamEvent;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fills the gaps in what a connection is sent of its user room's stream, from the store. A gap
 * opens when an event arrives before one with a lower seq. Mostly that one is a moment behind, on
 * its way from another node, so the repair first waits {@code lockstep.user-events.gap-wait-ms}. If
 * it is still missing then (its node died between its commit and its delivery), it is read from the
 * store: it committed before the later event got its seq. When nodes leave the cluster, every
 * connection is also brought up to its user's last seq, since an event a dead node committed last
 * has no later one to show the gap.
 */
@ApplicationScoped
public class UserStreamRepair {

  private static final Logger LOG = Logger.getLogger(UserStreamRepair.class.getName());
  private static final int BATCH = 500;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject UserEvents events;
  @Inject Connections connections;

  @Inject
  @ConfigProperty(name = "lockstep.user-events.gap-wait-ms", defaultValue = "500")
  long gapWaitMillis;

  /**
   * Created at startup, on a thread of the application: created first on a data grid thread (a
   * delivery from another node), it would get no executor injected (Payara injects resources only
   * where the application's naming context is).
   */
  void createAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
    LOG.fine(() -> "User stream repair waits " + gapWaitMillis + " ms for a missing event");
  }

  /** A connection's stream misses an event that later ones arrived without. */
  void gapIn(Connection connection) {
    scheduler.schedule(() -> fillGap(connection), gapWaitMillis, TimeUnit.MILLISECONDS);
  }

  void nodesLeft(@Observes NodesLeft left) {
    scheduler.execute(() -> catchUpAll(left));
  }

  private void fillGap(Connection connection) {
    try {
      long firstWaiting = connection.userStreamFirstWaiting();
      if (firstWaiting > 0 && connection.isOpen()) {
        catchUp(connection, firstWaiting - 1);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, e, () -> "Filling the user stream of " + connection.id() + " failed");
    }
    if (connection.userStreamRepaired() && connection.isOpen()) {
      gapIn(connection); // still a gap (the store failed, or a new one): try again
    }
  }

  private void catchUpAll(NodesLeft left) {
    Map<String, Long> lastSeqOfUser = new HashMap<>();
    int caughtUp = 0;
    for (Connection connection : connections.all()) {
      if (!connection.isJoined()
          || connection.isTranslated()
          || connection.userStreamDelivered() < 0) {
        continue;
      }
      try {
        long last = lastSeqOfUser.computeIfAbsent(connection.caller().id(), events::lastSeq);
        if (last > connection.userStreamDelivered()) {
          catchUp(connection, last);
          caughtUp++;
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, e, () -> "Catching up " + connection.id() + " failed");
      }
    }
    int count = caughtUp;
    LOG.info(
        () ->
            "Nodes "
                + left.nodes()
                + " left: "
                + count
                + " connections here were sent user events they had not had");
  }

  /** Sends the connection its stream's events up to {@code upTo}, from the store. */
  private void catchUp(Connection connection, long upTo) {
    String userId = connection.caller().id();
    long first = connection.userStreamDelivered() + 1;
    long after = first - 1;
    while (after < upTo && connection.isOpen()) {
      List<StreamEvent> found = events.between(userId, after, upTo, BATCH);
      found.forEach(event -> connection.deliverUserEvent(event.seq(), event.payload()));
      long delivered = connection.userStreamDelivered();
      if (delivered <= after) {
        long missing = after + 1;
        LOG.warning(
            () ->
                "Connection "
                    + connection.id()
                    + " missed user event "
                    + missing
                    + ", which the store no longer holds; closing it so that it syncs");
        connection.closeQuietly(
            CloseCodes.reason(
                CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(),
                "missed events; reconnect and sync"));
        return;
      }
      after = delivered;
    }
    LOG.info(
        () ->
            "Connection "
                + connection.id()
                + " was sent user events "
                + first
                + " to "
                + upTo
                + " from the store: they had not arrived live");
  }
}
