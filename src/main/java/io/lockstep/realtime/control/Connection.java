package io.lockstep.realtime.control;

import io.lockstep.auth.entity.Caller;
import io.lockstep.metrics.control.Meters;
import io.lockstep.realtime.entity.CloseCodes;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
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
  private final Map<String, StreamCursor> cursors = new ConcurrentHashMap<>();
  private volatile Caller caller;
  private final UserStreamOrder userStream;
  private volatile long userStreamStart = -1;
  private final GapListener gapListener;

  /** Told when the user room's stream misses an event that later ones arrived without. */
  interface GapListener {
    void gapIn(Connection connection);
  }

  /**
   * Turns the JSON frames of the rooms into the binary messages of a connection that speaks another
   * protocol (the y-websocket endpoint); null drops a frame that has no counterpart there.
   */
  public interface Translator {
    ByteBuffer toBinary(String frame);
  }

  private final Translator translator;
  private final Meters meters;

  private volatile long lastSignOfLifeMillis;
  private volatile long lastPingMillis;

  Connection(
      Session session,
      RealtimeSettings settings,
      Translator translator,
      Meters meters,
      GapListener gapListener,
      long nowMillis,
      long nowNanos) {
    this.session = session;
    this.gapListener = gapListener;
    this.userStream = new UserStreamOrder(settings.maxQueuedFrames());
    this.meters = meters;
    this.translator = translator;
    this.openedAtMillis = nowMillis;
    this.lastSignOfLifeMillis = nowMillis;
    this.lastPingMillis = nowMillis;
    this.rateLimiter = new FrameRateLimiter(settings.maxFramesPerSecond(), nowNanos);
    this.outbox =
        new Outbox(
            session.getAsyncRemote(),
            new Outbox.Limits(settings.maxQueuedFrames(), settings.maxUnreadBytes()),
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

  /** Whether the connection speaks another protocol than /ws's JSON (y-websocket). */
  public boolean isTranslated() {
    return translator != null;
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
    if (translator != null) {
      ByteBuffer binary = translator.toBinary(frame);
      if (binary != null) {
        sendBinary(binary);
      }
      return;
    }
    if (outbox.offer(frame)) {
      meters.frameOut(frame);
    } else {
      tooSlow();
    }
  }

  private void tooSlow() {
    LOG.warning(() -> "Connection " + id + " reads too slowly; closing it");
    meters.slowConsumerDisconnected();
    closeQuietly(CloseCodes.reason(CloseCodes.SLOW_CONSUMER, "send queue full"));
  }

  /** Queues a binary message, with the same limits as text frames. */
  public void sendBinary(ByteBuffer message) {
    if (!session.isOpen()) {
      return;
    }
    if (!outbox.offerBinary(message)) {
      tooSlow();
    }
  }

  /**
   * Delivers a room frame. A user-room stream event goes out only if its seq lies past the point
   * where this connection joined the stream (older ones are the business of {@code user:sync}), in
   * order and once; until that point is known, stream events wait, so none slips through the gap.
   */
  void deliver(String room, long seq, boolean continuation, String frame) {
    if (seq <= 0 || caller == null) {
      send(frame);
      return;
    }
    StreamCursor cursor = cursors.get(room);
    if (cursor != null) {
      if (cursor.admitLive(seq, continuation)) {
        send(frame);
      }
      return;
    }
    if (translator != null || !room.equals(Rooms.userRoom(caller.id()))) {
      send(frame); // the y-websocket endpoint has no counterpart for user events: dropped there
      return;
    }
    deliverUserEvent(seq, frame);
  }

  /** An event of the user's stream, live or read from the store (to fill a gap). */
  void deliverUserEvent(long seq, String frame) {
    UserStreamOrder.State state;
    synchronized (userStream) {
      UserStreamOrder.Outcome outcome = userStream.offer(seq, frame);
      outcome.ready().forEach(this::send);
      state = outcome.state();
    }
    following(state);
  }

  /** The last seq of the user's stream when this connection joined it (sent in welcome). */
  void startUserStreamAfter(long lastSeq) {
    UserStreamOrder.State state;
    synchronized (userStream) {
      userStreamStart = lastSeq;
      UserStreamOrder.Outcome outcome = userStream.start(lastSeq);
      outcome.ready().forEach(this::send);
      state = outcome.state();
    }
    following(state);
  }

  private void following(UserStreamOrder.State state) {
    if (state == UserStreamOrder.State.GAP_OPENED) {
      gapListener.gapIn(this);
    } else if (state == UserStreamOrder.State.OVERFLOW) {
      LOG.warning(
          () -> "Connection " + id + " waits too long for a missing user event; closing it");
      closeQuietly(
          CloseCodes.reason(
              CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(),
              "missed events; reconnect and sync"));
    }
  }

  /** Where this connection joined the user's stream: the welcome's last_seq, -1 before it. */
  public long userStreamStart() {
    return userStreamStart;
  }

  /** The highest seq of the user's stream sent; -1 before the welcome. */
  long userStreamDelivered() {
    synchronized (userStream) {
      return userStream.delivered();
    }
  }

  /** The lowest seq waiting for a missing one before it, or -1. */
  long userStreamFirstWaiting() {
    synchronized (userStream) {
      return userStream.firstWaiting();
    }
  }

  /** A repair of the stream ended. Whether a gap remains, for which a repair is asked anew. */
  boolean userStreamRepaired() {
    synchronized (userStream) {
      return userStream.repairDone();
    }
  }

  /** Starts tracking what this connection is sent of the stream of {@code room}. */
  public StreamCursor openCursor(String room) {
    return cursors.computeIfAbsent(room, r -> new StreamCursor());
  }

  /** The cursor of a stream this connection follows, or null. */
  public StreamCursor cursor(String room) {
    return cursors.get(room);
  }

  void closeCursor(String room) {
    cursors.remove(room);
  }

  /** The rooms this connection follows a stream of, e.g. {@code session:{id}}. */
  public Set<String> cursorRooms() {
    return cursors.keySet();
  }

  public int queuedFrames() {
    return outbox.depth();
  }

  Set<String> rooms() {
    return rooms;
  }

  /**
   * A message arrived that is not dispatched as a JSON frame (the y-websocket endpoint): records
   * the sign of life; false if it exceeds the rate limit.
   */
  public boolean admitMessage() {
    showedSignOfLife(System.currentTimeMillis());
    return rateLimiter.admit(System.nanoTime()) == FrameRateLimiter.Verdict.ACCEPT;
  }

  FrameRateLimiter.Verdict admitFrame(long nowNanos) {
    return rateLimiter.admit(nowNanos);
  }

  void pongReceived(ByteBuffer payload, long nowMillis) {
    showedSignOfLife(nowMillis);
    outbox.pongReceived(payload);
  }

  /** Bytes sent that the client has not yet shown it read (see {@link Outbox}). */
  public long unreadBytes() {
    return outbox.unreadBytes();
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
