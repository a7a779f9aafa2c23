package io.lockstep.realtime.control;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every minute, forgets user-room events older than the retention time (on every node; idempotent).
 */
@Singleton
public class UserEventsRetention {

  private static final Logger LOG = Logger.getLogger(UserEventsRetention.class.getName());

  @Inject UserEvents events;

  @Inject
  @ConfigProperty(name = "lockstep.user-events.retention-hours", defaultValue = "24")
  long retentionHours;

  @Schedule(minute = "*", hour = "*", persistent = false, info = "user events retention")
  void prune() {
    int removed = events.removeOlderThan(Instant.now().minusSeconds(retentionHours * 3600));
    if (removed > 0) {
      LOG.fine(() -> "Forgot " + removed + " user events older than " + retentionHours + " h");
    }
  }
}
