package io.lockstep.presence.control;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every 5 seconds, removes usage entries older than {@code lockstep.usage.timeout-seconds}. Payara
 * does not coordinate timers across a cluster, so every node sweeps; {@link
 * UsagePool#removeOlderThan} is safe to run concurrently.
 */
@Singleton
public class UsageSweep {

  private static final Logger LOG = Logger.getLogger(UsageSweep.class.getName());

  @Inject UsagePool pool;

  @Inject
  @ConfigProperty(name = "lockstep.usage.timeout-seconds", defaultValue = "30")
  int timeoutSeconds;

  @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false, info = "usage sweep")
  void sweep() {
    sweepNow();
  }

  /** Removes the stale entries now (an admin's trigger); returns how many it removed. */
  public int sweepNow() {
    int removed = pool.removeOlderThan(System.currentTimeMillis() - timeoutSeconds * 1000L);
    if (removed > 0) {
      LOG.fine(() -> "Usage sweep removed " + removed + " stale entries");
    }
    return removed;
  }
}
