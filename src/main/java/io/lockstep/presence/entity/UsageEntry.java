package io.lockstep.presence.entity;

import java.io.Serializable;

/** One connection's use of one model, last reported at {@code updatedAt} (epoch milliseconds). */
public record UsageEntry(String model, String connectionId, String userId, long updatedAt)
    implements Serializable {

  public boolean isOlderThan(long cutoffMillis) {
    return updatedAt < cutoffMillis;
  }
}
