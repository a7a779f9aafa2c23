package io.lockstep.realtime.control;

import io.lockstep.system.control.Utf8;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * A connection's send queue with flow control: frames go out one at a time, in order, never
 * blocking the sender, and only while the client keeps up. It bounds what a connection holds on the
 * server:
 *
 * <ul>
 *   <li>In the container: at most {@code windowBytes} handed over that the client has not shown it
 *       read, plus one frame. The container's completion of a send says nothing about the client
 *       (Payara's web container buffers without limit and completes at once), so the outbox marks
 *       its position in the stream with a ping whose payload encodes the bytes handed over so far.
 *       The client's pong echoes it after the client has read everything before the ping, which is
 *       the only evidence of reading that a WebSocket offers. The payload is masked with a secret
 *       of the connection, so a client cannot claim to have read what it has not. While the window
 *       is full, frames wait here.
 *   <li>Here: at most {@code maxQueuedFrames} frames and {@code windowBytes} bytes (or one frame of
 *       any size). {@link #offer} answers false beyond that, and the connection is closed rather
 *       than let the server's memory grow: the client reconnects and catches up by replay.
 * </ul>
 */
final class Outbox {

  interface Failure {
    void sendFailed(Throwable cause);
  }

  record Limits(int maxQueuedFrames, long windowBytes) {
    /** A mark every quarter of the window keeps an honest client well inside it. */
    long markIntervalBytes() {
      return Math.max(1, windowBytes / 4);
    }
  }

  private record Frame(String text, ByteBuffer binary, long bytes) {
    static Frame text(String text) {
      return new Frame(text, null, Utf8.length(text));
    }

    static Frame binary(ByteBuffer binary) {
      return new Frame(null, binary, binary.remaining());
    }
  }

  private static final SecureRandom SECRETS = new SecureRandom();

  private final RemoteEndpoint.Async remote;
  private final Limits limits;
  private final Failure failure;
  private final long secret = SECRETS.nextLong();
  private final SendHandler completion = this::completed;

  // guarded by this
  private final Queue<Frame> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean sending;
  private long handedOver;
  private long readByClient;
  private long lastMark;
  private boolean failed;

  /** Set while this thread hands a frame over, so an inline completion does not recurse. */
  private final ThreadLocal<boolean[]> completedInline = new ThreadLocal<>();

  Outbox(RemoteEndpoint.Async remote, Limits limits, Failure failure) {
    this.remote = remote;
    this.limits = limits;
    this.failure = failure;
  }

  boolean offer(String frame) {
    return offer(Frame.text(frame));
  }

  boolean offerBinary(ByteBuffer frame) {
    return offer(Frame.binary(frame));
  }

  private boolean offer(Frame frame) {
    synchronized (this) {
      if (failed) {
        return true; // the connection is closing; the frame is lost with it
      }
      boolean full =
          queue.size() >= limits.maxQueuedFrames()
              || (!queue.isEmpty() && queuedBytes + frame.bytes() > limits.windowBytes());
      if (full) {
        return false;
      }
      queue.add(frame);
      queuedBytes += frame.bytes();
    }
    pump();
    return true;
  }

  synchronized int depth() {
    return queue.size();
  }

  /** Bytes handed to the container that the client has not yet shown it read. */
  synchronized long unreadBytes() {
    return handedOver - readByClient;
  }

  /**
   * A pong arrived. If it echoes one of this outbox's marks, the client has read everything up to
   * that mark, and frames held back for the window may go. Other pongs (answers to keepalive pings,
   * unsolicited ones) carry no position.
   */
  void pongReceived(ByteBuffer payload) {
    if (payload == null || payload.remaining() != Long.BYTES) {
      return;
    }
    long position = payload.getLong(payload.position()) ^ secret;
    synchronized (this) {
      if (position <= readByClient || position > handedOver) {
        return;
      }
      readByClient = position;
    }
    pump();
  }

  /**
   * Hands frames to the container while none is in flight and the window has room. A container may
   * complete a send on the calling thread; then this loops instead of recursing, so a long queue
   * cannot overflow the stack.
   */
  private void pump() {
    while (true) {
      Frame next;
      long position;
      boolean mark;
      long askToConfirm = 0;
      synchronized (this) {
        if (sending || failed || queue.isEmpty()) {
          return;
        }
        if (handedOver - readByClient > limits.windowBytes()) {
          // the window is full: make sure the client is asked to confirm the last position
          if (lastMark != handedOver) {
            lastMark = handedOver;
            askToConfirm = handedOver;
          }
        }
      }
      if (askToConfirm > 0) {
        try {
          ping(askToConfirm);
        } catch (IOException | RuntimeException e) {
          fail(e);
        }
        return;
      }
      synchronized (this) {
        if (sending
            || failed
            || queue.isEmpty()
            || handedOver - readByClient > limits.windowBytes()) {
          return;
        }
        next = queue.poll();
        queuedBytes -= next.bytes();
        sending = true;
        handedOver += next.bytes();
        position = handedOver;
        mark = position - lastMark >= limits.markIntervalBytes();
        if (mark) {
          lastMark = position;
        }
      }
      boolean[] inline = {false};
      completedInline.set(inline);
      try {
        if (next.text() != null) {
          remote.sendText(next.text(), completion);
        } else {
          remote.sendBinary(next.binary(), completion);
        }
        if (mark) {
          ping(position);
        }
      } catch (IOException | RuntimeException e) {
        fail(e);
        return;
      } finally {
        completedInline.remove();
      }
      if (!inline[0]) {
        return;
      }
    }
  }

  private void ping(long position) throws IOException {
    remote.sendPing(ByteBuffer.allocate(Long.BYTES).putLong(0, position ^ secret));
  }

  private void completed(SendResult result) {
    if (!result.isOK()) {
      fail(result.getException());
      return;
    }
    synchronized (this) {
      sending = false;
    }
    boolean[] inline = completedInline.get();
    if (inline != null) {
      inline[0] = true;
    } else {
      pump();
    }
  }

  private void fail(Throwable cause) {
    synchronized (this) {
      if (failed) {
        return;
      }
      failed = true;
      sending = false;
      queue.clear();
      queuedBytes = 0;
    }
    failure.sendFailed(cause);
  }
}
