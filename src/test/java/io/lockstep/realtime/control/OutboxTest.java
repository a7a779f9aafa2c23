package io.lockstep.realtime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutboxTest {

  /** The container's side of a connection: it completes sends at once, or when told to. */
  static final class Remote implements RemoteEndpoint.Async {
    final List<String> sent = new ArrayList<>();
    final Queue<SendHandler> pending = new ArrayDeque<>();
    boolean completeInline;
    int inFlight;
    int maxInFlight;

    @Override
    public void sendText(String text, SendHandler handler) {
      sent.add(text);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      if (completeInline) {
        inFlight--;
        handler.onResult(new SendResult());
      } else {
        pending.add(handler);
      }
    }

    void completeOne(SendResult result) {
      inFlight--;
      pending.remove().onResult(result);
    }

    @Override
    public long getSendTimeout() {
      return 0;
    }

    @Override
    public void setSendTimeout(long timeout) {}

    @Override
    public Future<Void> sendText(String text) {
      throw new AssertionError("Outbox must use the callback form");
    }

    @Override
    public Future<Void> sendBinary(ByteBuffer data) {
      throw new AssertionError();
    }

    @Override
    public void sendBinary(ByteBuffer data, SendHandler handler) {
      throw new AssertionError();
    }

    @Override
    public Future<Void> sendObject(Object data) {
      throw new AssertionError();
    }

    @Override
    public void sendObject(Object data, SendHandler handler) {
      throw new AssertionError();
    }

    @Override
    public void setBatchingAllowed(boolean allowed) {}

    @Override
    public boolean getBatchingAllowed() {
      return false;
    }

    @Override
    public void flushBatch() {}

    @Override
    public void sendPing(ByteBuffer applicationData) {}

    @Override
    public void sendPong(ByteBuffer applicationData) {}
  }

  @Test
  void aContainerThatCompletesSendsOnTheCallingThreadCannotOverflowTheStack() {
    var remote = new Remote();
    remote.completeInline = true;
    var outbox =
        new Outbox(
            remote,
            1_000_000,
            cause -> {
              throw new AssertionError(cause);
            });
    List<String> frames = IntStream.range(0, 200_000).mapToObj(i -> "f" + i).toList();
    frames.forEach(outbox::offer);
    assertEquals(frames, remote.sent);
    assertEquals(0, outbox.depth());
  }

  @Test
  void oneSendAtATimeInOrderAndAFullQueueRefusesMore() {
    var remote = new Remote();
    var outbox =
        new Outbox(
            remote,
            3,
            cause -> {
              throw new AssertionError(cause);
            });
    assertTrue(outbox.offer("a"));
    assertTrue(outbox.offer("b"));
    assertTrue(outbox.offer("c"));
    assertTrue(outbox.offer("d"));
    assertFalse(outbox.offer("e"), "three wait behind the one being sent");
    assertEquals(List.of("a"), remote.sent);

    remote.completeOne(new SendResult());
    remote.completeOne(new SendResult());
    assertTrue(outbox.offer("f"));
    while (!remote.pending.isEmpty()) {
      remote.completeOne(new SendResult());
    }
    assertEquals(List.of("a", "b", "c", "d", "f"), remote.sent);
    assertEquals(1, remote.maxInFlight);
  }

  @Test
  void aFailedSendIsReported() {
    var remote = new Remote();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    var outbox = new Outbox(remote, 10, failure::set);
    outbox.offer("a");
    var broken = new IllegalStateException("peer gone");
    remote.completeOne(new SendResult(broken));
    assertEquals(broken, failure.get());
  }
}
