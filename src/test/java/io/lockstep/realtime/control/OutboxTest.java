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
    final List<ByteBuffer> pings = new ArrayList<>();
    final List<ByteBuffer> binary = new ArrayList<>();
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
      binary.add(data);
      handler.onResult(new SendResult());
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
    public void sendPing(ByteBuffer applicationData) {
      pings.add(applicationData.duplicate());
    }

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
            new Outbox.Limits(1_000_000, Long.MAX_VALUE),
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
            new Outbox.Limits(3, Long.MAX_VALUE),
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
    var outbox = new Outbox(remote, new Outbox.Limits(10, Long.MAX_VALUE), failure::set);
    outbox.offer("a");
    var broken = new IllegalStateException("peer gone");
    remote.completeOne(new SendResult(broken));
    assertEquals(broken, failure.get());
  }

  @Test
  void framesWaitWhileTheClientIsAWindowBehindAndAreRefusedWhenTheQueueIsFullToo() {
    var remote = new Remote();
    remote.completeInline = true;
    var outbox = new Outbox(remote, new Outbox.Limits(1000, 100), cause -> {});
    String tenBytes = "0123456789";
    for (int i = 0; i < 21; i++) {
      assertTrue(outbox.offer(tenBytes), "frame " + i);
    }
    assertEquals(11, remote.sent.size(), "handed over until 110 unread bytes exceed the window");
    assertEquals(110, outbox.unreadBytes());
    assertEquals(10, outbox.depth(), "the window's worth waits in the queue");
    assertFalse(outbox.offer(tenBytes), "and no more");
    assertEquals(
        4, remote.pings.size(), "a mark after each quarter of the window, and at the last frame");
  }

  @Test
  void anEchoedMarkShowsTheClientReadUpToItAndReleasesTheWaitingFrames() {
    var remote = new Remote();
    remote.completeInline = true;
    var outbox = new Outbox(remote, new Outbox.Limits(1000, 100), cause -> {});
    for (int i = 0; i < 15; i++) {
      outbox.offer("0123456789");
    }
    assertEquals(11, remote.sent.size());
    outbox.pongReceived(remote.pings.get(remote.pings.size() - 1));
    assertEquals(15, remote.sent.size(), "the client read all 110 bytes: the rest goes");
    assertEquals(40, outbox.unreadBytes());
    assertEquals(0, outbox.depth());
  }

  @Test
  void oneFrameLargerThanTheWindowStillGoesOut() {
    var remote = new Remote();
    remote.completeInline = true;
    var outbox = new Outbox(remote, new Outbox.Limits(1000, 100), cause -> {});
    assertTrue(outbox.offer("x".repeat(500)));
    assertEquals(1, remote.sent.size());
    assertTrue(outbox.offer("after"), "waits for the client to read the large frame");
    assertEquals(1, remote.sent.size());
    outbox.pongReceived(remote.pings.get(remote.pings.size() - 1));
    assertEquals(List.of("x".repeat(500), "after"), remote.sent);
  }

  @Test
  void pongsThatAreNotMarksMoveNothing() {
    var remote = new Remote();
    remote.completeInline = true;
    var outbox = new Outbox(remote, new Outbox.Limits(1000, 100), cause -> {});
    for (int i = 0; i < 5; i++) {
      outbox.offer("0123456789");
    }
    outbox.pongReceived(ByteBuffer.allocate(0));
    outbox.pongReceived(
        ByteBuffer.wrap("garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    outbox.pongReceived(ByteBuffer.allocate(Long.BYTES).putLong(0, 50));
    outbox.pongReceived(ByteBuffer.allocate(Long.BYTES).putLong(0, Long.MAX_VALUE));
    outbox.pongReceived(null);
    assertEquals(50, outbox.unreadBytes(), "a forged position is not the masked mark");
  }

  @Test
  void bytesAreCountedInUtf8AndBinaryFramesByTheirLength() {
    var remote = new Remote();
    remote.completeInline = true;
    var outbox = new Outbox(remote, new Outbox.Limits(1000, 1000), cause -> {});
    outbox.offer("é😀");
    outbox.offerBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    assertEquals(9, outbox.unreadBytes());
    assertEquals(1, remote.binary.size());
  }
}
