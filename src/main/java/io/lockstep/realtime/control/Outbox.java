package io.lockstep.realtime.control;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection's bounded send queue: frames go out one at a time, in order, never blocking the
 * sender. When a client reads too slowly and the queue is full, {@link #offer} answers false and
 * the connection is closed rather than let the server's memory grow.
 */
final class Outbox {

  interface Failure {
    void sendFailed(Throwable cause);
  }

  private final RemoteEndpoint.Async remote;
  private final int capacity;
  private final Failure failure;
  private final Queue<String> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean sending = new AtomicBoolean();
  private final ThreadLocal<boolean[]> completedWhileSending = ThreadLocal.withInitial(() -> null);

  Outbox(RemoteEndpoint.Async remote, int capacity, Failure failure) {
    this.remote = remote;
    this.capacity = capacity;
    this.failure = failure;
  }

  boolean offer(String frame) {
    if (queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      return false;
    }
    queue.add(frame);
    sendNext();
    return true;
  }

  int depth() {
    return queued.get();
  }

  /**
   * Starts the next send unless one is under way. A container may complete a send on the calling
   * thread; then this loops instead of recursing, so a long queue cannot overflow the stack.
   */
  private void sendNext() {
    while (sending.compareAndSet(false, true)) {
      String next = queue.poll();
      if (next == null) {
        sending.set(false);
        if (queue.isEmpty()) {
          return;
        }
        continue;
      }
      queued.decrementAndGet();
      boolean[] inline = {false};
      completedWhileSending.set(inline);
      try {
        remote.sendText(next, this::completed);
      } catch (RuntimeException e) {
        sending.set(false);
        failure.sendFailed(e);
        return;
      } finally {
        completedWhileSending.remove();
      }
      if (!inline[0]) {
        return;
      }
    }
  }

  private void completed(SendResult result) {
    sending.set(false);
    if (!result.isOK()) {
      failure.sendFailed(result.getException());
      return;
    }
    boolean[] inline = completedWhileSending.get();
    if (inline != null) {
      inline[0] = true;
    } else {
      sendNext();
    }
  }
}
