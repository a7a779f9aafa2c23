package io.lockstep.realtime.control;

import io.lockstep.realtime.entity.CloseCodes;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Once a second: closes connections that did not sign in within the join timeout or showed no sign
 * of life (no frame, no pong) within the idle timeout, and pings the others when due. So presence
 * has no ghosts, as with open-webui's session pool timeout.
 */
@ApplicationScoped
public class LivenessSweep {

  private static final Logger LOG = Logger.getLogger(LivenessSweep.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject Connections connections;
  @Inject RealtimeSettings settings;

  private ScheduledFuture<?> task;

  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    task = scheduler.scheduleAtFixedRate(this::sweep, 1, 1, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  void sweep() {
    long now = System.currentTimeMillis();
    for (Connection connection : connections.all()) {
      try {
        check(connection, now);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, e, () -> "Liveness check of " + connection.id() + " failed");
      }
    }
  }

  private void check(Connection connection, long now) {
    if (!connection.isJoined()
        && now - connection.openedAtMillis() > settings.joinTimeoutMillis()) {
      connection.closeQuietly(
          CloseCodes.reason(
              CloseCodes.JOIN_TIMEOUT,
              "no user-join within " + settings.joinTimeoutSeconds() + " s"));
      connections.forget(connection);
    } else if (now - connection.lastSignOfLifeMillis() > settings.idleTimeoutMillis()) {
      LOG.info(() -> "Connection " + connection.id() + " showed no sign of life; closing it");
      connection.closeQuietly(
          CloseCodes.reason(
              CloseCodes.IDLE_TIMEOUT,
              "no sign of life for " + settings.idleTimeoutSeconds() + " s"));
      connections.forget(connection);
    } else if (now - connection.lastPingMillis() >= settings.pingIntervalMillis()) {
      connection.ping(now);
    }
  }
}
