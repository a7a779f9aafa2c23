package io.lockstep.realtime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random interleavings of what happens to an agent session's stream (whole events, streamed text,
 * frames in flight, loads of the three flows, reconnects that lose what was in flight) against a
 * client that follows the protocol. On every connection no event arrives twice and every chunk
 * continues what the client holds; after a final catch-up the client holds the log exactly.
 */
class StreamCursorPropertyTest {

  private record Frame(long seq, int offset, String text, boolean chunk, boolean partial) {}

  /** The server side: the log, one connection's cursor and what is in flight to it. */
  private static final class Server {
    final List<StringBuilder> log = new ArrayList<>();
    boolean streaming;
    StreamCursor cursor = new StreamCursor();
    final Deque<Frame> inFlight = new ArrayDeque<>();

    long maxSeq() {
      return log.size();
    }

    void appendWhole(String text) {
      streaming = false;
      log.add(new StringBuilder(text));
      if (cursor.admitLive(maxSeq(), false)) {
        inFlight.add(new Frame(maxSeq(), 0, text, false, false));
      }
    }

    void startStream(String first) {
      streaming = false;
      log.add(new StringBuilder(first));
      streaming = true;
      if (cursor.admitLive(maxSeq(), false)) {
        inFlight.add(new Frame(maxSeq(), 0, first, true, true));
      }
    }

    void chunk(String text) {
      StringBuilder current = log.get(log.size() - 1);
      int offset = current.length();
      current.append(text);
      if (cursor.admitLive(maxSeq(), true)) {
        inFlight.add(new Frame(maxSeq(), offset, text, true, true));
      }
    }

    /** A new connection: what was in flight is lost; subscribing peeks at the streaming text. */
    void reconnect() {
      inFlight.clear();
      cursor = new StreamCursor();
      if (streaming && cursor.admitLive(maxSeq(), false)) {
        inFlight.add(new Frame(maxSeq(), 0, log.get(log.size() - 1).toString(), true, true));
      }
    }

    /** load_events; answers whether more events lie beyond the page in its direction. */
    boolean load(Long beforeSeq, Long afterSeq, int limit) {
      List<Long> page = new ArrayList<>();
      boolean more;
      if (afterSeq != null && afterSeq <= maxSeq()) {
        for (long seq = afterSeq + 1; seq <= maxSeq() && page.size() < limit; seq++) {
          page.add(seq);
        }
        more = (page.isEmpty() ? afterSeq : page.get(page.size() - 1)) < maxSeq();
      } else {
        long below = beforeSeq == null ? maxSeq() + 1 : beforeSeq;
        for (long seq = Math.max(1, below - limit); seq < below; seq++) {
          page.add(seq);
        }
        more = !page.isEmpty() && page.get(0) > 1;
      }
      for (long seq : cursor.admitReply(page, Long::longValue)) {
        boolean partial = streaming && seq == maxSeq();
        inFlight.add(new Frame(seq, 0, log.get((int) seq - 1).toString(), false, partial));
      }
      return more;
    }
  }

  /** The client side, as the protocol asks a client to behave. */
  private static final class Client {
    final TreeMap<Long, StringBuilder> held = new TreeMap<>();
    final Set<Long> complete = new HashSet<>();
    Set<Long> receivedOnThisConnection = new HashSet<>();

    void newConnection() {
      receivedOnThisConnection = new HashSet<>();
    }

    void receive(Frame frame) {
      if (frame.chunk() && frame.offset() > 0) {
        assertTrue(
            receivedOnThisConnection.contains(frame.seq()),
            () -> "a chunk of an event not started on this connection: " + frame);
        StringBuilder text = held.get(frame.seq());
        assertEquals(
            text.length(), frame.offset(), () -> "a chunk that does not continue " + frame);
        text.append(frame.text());
        return;
      }
      assertTrue(
          receivedOnThisConnection.add(frame.seq()),
          () -> "event " + frame.seq() + " arrived twice on one connection");
      held.put(frame.seq(), new StringBuilder(frame.text()));
      if (frame.partial()) {
        complete.remove(frame.seq());
      } else {
        complete.add(frame.seq());
      }
      // a newer event ends what streamed before it on this connection; text streamed on an
      // earlier connection may have lost its end and stays incomplete until it arrives whole
      receivedOnThisConnection.stream().filter(seq -> seq < frame.seq()).forEach(complete::add);
    }

    /** The highest seq up to which the client holds every event whole: where a sync starts. */
    long syncPoint() {
      long point = held.isEmpty() ? 0 : held.firstKey() - 1;
      for (long seq : held.keySet()) {
        if (seq != point + 1 || !complete.contains(seq)) {
          break;
        }
        point = seq;
      }
      return point;
    }
  }

  @Test
  void randomInterleavingsNeverLoseOrDoubleAnEvent() {
    for (long seed = 1; seed <= 300; seed++) {
      runScenario(seed);
    }
  }

  private static void runScenario(long seed) {
    Random random = new Random(seed);
    Server server = new Server();
    Client client = new Client();
    for (int step = 0; step < 400; step++) {
      int roll = random.nextInt(100);
      if (roll < 15) {
        server.appendWhole("e" + step);
      } else if (roll < 25) {
        server.startStream("s" + step + "|");
      } else if (roll < 45 && server.streaming) {
        server.chunk("c" + step + "|");
      } else if (roll < 75) {
        deliver(server, client, random.nextInt(4) + 1);
      } else if (roll < 85 && !client.held.isEmpty()) {
        boolean older = random.nextBoolean() && client.held.firstKey() > 1;
        if (older) {
          server.load(client.held.firstKey(), null, random.nextInt(5) + 1);
        } else {
          server.load(null, client.syncPoint(), random.nextInt(5) + 1);
        }
      } else if (roll < 90 && client.held.isEmpty()) {
        server.load(null, null, random.nextInt(5) + 1);
      } else if (roll < 95) {
        server.reconnect();
        client.newConnection();
        if (!client.held.isEmpty()) {
          server.load(null, client.syncPoint(), random.nextInt(5) + 1);
        }
      }
    }
    catchUp(server, client, seed);
  }

  private static void deliver(Server server, Client client, int frames) {
    for (int i = 0; i < frames && !server.inFlight.isEmpty(); i++) {
      client.receive(server.inFlight.poll());
    }
  }

  /** The run ends with a complete event; the client syncs forward and pages back to seq 1. */
  private static void catchUp(Server server, Client client, long seed) {
    server.appendWhole("end");
    deliver(server, client, Integer.MAX_VALUE);
    boolean more = true;
    while (more) {
      more = server.load(null, client.syncPoint(), 3);
      deliver(server, client, Integer.MAX_VALUE);
    }
    while (!client.held.isEmpty() && client.held.firstKey() > 1) {
      server.load(client.held.firstKey(), null, 3);
      deliver(server, client, Integer.MAX_VALUE);
    }
    assertEquals(server.maxSeq(), client.held.size(), () -> "seed " + seed + ": events missing");
    for (long seq = 1; seq <= server.maxSeq(); seq++) {
      long at = seq;
      assertEquals(
          server.log.get((int) seq - 1).toString(),
          client.held.get(seq).toString(),
          () -> "seed " + seed + ": event " + at + " differs");
    }
    assertTrue(server.cursor.sentRanges() <= 2, () -> "seed " + seed + ": ranges stay few");
  }

  @Test
  void aLoadRepeatedOnOneConnectionSendsNothingTwice() {
    StreamCursor cursor = new StreamCursor();
    assertEquals(List.of(8L, 9L, 10L), cursor.admitReply(List.of(8L, 9L, 10L), Long::longValue));
    assertEquals(List.of(7L), cursor.admitReply(List.of(6L + 1, 8L, 9L), Long::longValue));
    assertEquals(List.of(), cursor.admitReply(List.of(7L, 8L, 9L, 10L), Long::longValue));
    assertEquals(false, cursor.admitLive(10, false));
    assertEquals(true, cursor.admitLive(10, true), "further chunks of the newest event go out");
    assertEquals(true, cursor.admitLive(11, false));
    assertEquals(false, cursor.admitLive(10, true), "an event that is no longer the newest");
    assertEquals(1, cursor.sentRanges());
  }
}
