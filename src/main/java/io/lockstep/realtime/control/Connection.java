package io.lockstep.realtime.control;

import io.lockstep.auth.entity.Caller;
import io.lockstep.realtime.entity.CloseCodes;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One WebSocket connection on this node: who it is, which rooms it is in, what it has queued. */
public final class Connection {

  private static final Logger LOG = Logger.getLogger(Connection.class.getName());

  private final String id = UUID.randomUUID().toString();
  private final Session session;
  private final Outbox outbox;
  private final FrameRateLimiter rateLimiter;
  private final long openedAtMillis;
  private final Set<String> rooms = ConcurrentHashMap.newKeySet();
  private volatile Caller caller;
  private volatile long lastSignOfLifeMillis;
  private volatile long lastPingMillis;

  Connection(Session session, RealtimeSettings settings, long nowMillis, long nowNanos) {
    this.session = session;
    this.openedAtMillis = nowMillis;
    this.lastSignOfLifeMillis = nowMillis;
    this.lastPingMillis = nowMillis;
    this.rateLimiter = new FrameRateLimiter(settings.maxFramesPerSecond(), nowNanos);
    this.outbox =
        new Outbox(
            session.getAsyncRemote(),
            settings.maxQueuedFrames(),
            cause -> {
              LOG.log(Level.FINE, cause, () -> "Send to connection " + id + " failed");
              closeQuietly(
                  CloseCodes.reason(
                      CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "send failed"));
            });
  }

  public String id() {
    return id;
  }

  /** The signed-in caller, or null before a successful {@code user-join}. */
  public Caller caller() {
    return caller;
  }

  public boolean isJoined() {
    return caller != null;
  }

  void joinedAs(Caller caller) {
    this.caller = caller;
  }

  /**
   * Queues a frame. A client that cannot keep up is disconnected (it resumes by replay) instead of
   * growing the server's memory.
   */
  public void send(String frame) {
    if (!session.isOpen()) {
      return;
    }
    if (!outbox.offer(frame)) {
      LOG.warning(() -> "Connection " + id + " reads too slowly; closing it");
      closeQuietly(CloseCodes.reason(CloseCodes.SLOW_CONSUMER, "send queue full"));
    }
  }

  public int queuedFrames() {
    return outbox.depth();
  }

  Set<String> rooms() {
    return rooms;
  }

  FrameRateLimiter.Verdict admitFrame(long nowNanos) {
    return rateLimiter.admit(nowNanos);
  }

  void showedSignOfLife(long nowMillis) {
    lastSignOfLifeMillis = nowMillis;
  }

  long lastSignOfLifeMillis() {
    return lastSignOfLifeMillis;
  }

  long openedAtMillis() {
    return openedAtMillis;
  }

  void ping(long nowMillis) {
    lastPingMillis = nowMillis;
    try {
      session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, e, () -> "Ping to connection " + id + " failed");
    }
  }

  long lastPingMillis() {
    return lastPingMillis;
  }

  boolean isOpen() {
    return session.isOpen();
  }

  public void closeQuietly(CloseReason reason) {
    try {
      if (session.isOpen()) {
        session.close(reason);
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, e, () -> "Closing connection " + id + " failed");
    }
  }
}
