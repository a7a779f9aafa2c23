package io.lockstep.realtime.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The limits of /ws, from MicroProfile Config (defaults in microprofile-config.properties). */
@ApplicationScoped
public class RealtimeSettings {

  @Inject
  @ConfigProperty(name = "lockstep.ws.join-timeout-seconds", defaultValue = "10")
  int joinTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "lockstep.ws.idle-timeout-seconds", defaultValue = "120")
  int idleTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "lockstep.ws.ping-interval-seconds", defaultValue = "30")
  int pingIntervalSeconds;

  @Inject
  @ConfigProperty(name = "lockstep.ws.max-frame-bytes", defaultValue = "1048576")
  int maxFrameBytes;

  @Inject
  @ConfigProperty(name = "lockstep.ws.max-frames-per-second", defaultValue = "50")
  int maxFramesPerSecond;

  @Inject
  @ConfigProperty(name = "lockstep.ws.max-queued-frames", defaultValue = "1000")
  int maxQueuedFrames;

  @Inject
  @ConfigProperty(name = "lockstep.ws.max-unread-bytes", defaultValue = "8388608")
  long maxUnreadBytes;

  public long joinTimeoutMillis() {
    return joinTimeoutSeconds * 1000L;
  }

  public long idleTimeoutMillis() {
    return idleTimeoutSeconds * 1000L;
  }

  public long pingIntervalMillis() {
    return pingIntervalSeconds * 1000L;
  }

  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /**
   * What the container buffers for one frame. Larger than the largest limit, so that a frame a
   * little over it still reaches Lockstep and gets a {@code too_large} error instead of a closed
   * connection.
   */
  public int containerBufferBytes(long largestFrameBytes) {
    long buffer = Math.max(2L * maxFrameBytes, largestFrameBytes + largestFrameBytes / 4);
    return (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(buffer, 64 * 1024L));
  }

  public int maxFramesPerSecond() {
    return maxFramesPerSecond;
  }

  public int maxQueuedFrames() {
    return maxQueuedFrames;
  }

  /** Bytes a client may leave unread (by its pongs) before it is disconnected as too slow. */
  public long maxUnreadBytes() {
    return maxUnreadBytes;
  }

  public int joinTimeoutSeconds() {
    return joinTimeoutSeconds;
  }

  public int idleTimeoutSeconds() {
    return idleTimeoutSeconds;
  }
}
