package io.lockstep.realtime.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The order in which one connection is sent its user room's stream: every seq after the point where
 * it joined (the welcome's {@code last_seq}), each once and in order. With several nodes an event
 * can arrive early: the one before it is still on its way from another node, or that node died
 * between its commit and its delivery. An early event waits here until the ones before it arrive
 * live or are read from the store ({@link UserStreamRepair}).
 *
 * <p>Not thread-safe: {@link Connection} guards it, and sends what it returns under the same lock,
 * so frames leave in the order decided here.
 */
final class UserStreamOrder {

  /**
   * What an offered event led to: the frames to send now, in order, and the state of the stream.
   */
  record Outcome(List<String> ready, State state) {}

  enum State {
    /** Nothing is missing. */
    IN_ORDER,
    /** An event is missing, and this offer is the first to notice: a repair should be asked for. */
    GAP_OPENED,
    /** An event is missing, and a repair was already asked for. */
    GAP_PENDING,
    /** More events wait behind a gap than the bound allows. */
    OVERFLOW
  }

  private final int maxWaiting;
  private final TreeMap<Long, String> waiting = new TreeMap<>();
  private long delivered = -1;
  private boolean repairAsked;

  UserStreamOrder(int maxWaiting) {
    this.maxWaiting = maxWaiting;
  }

  /** The stream starts after {@code lastSeq}; events that arrived before the welcome may follow. */
  Outcome start(long lastSeq) {
    delivered = lastSeq;
    waiting.headMap(lastSeq, true).clear();
    return drain(new ArrayList<>());
  }

  boolean isStarted() {
    return delivered >= 0;
  }

  /** An event of the stream, live or read from the store; one sent before is ignored. */
  Outcome offer(long seq, String frame) {
    if (isStarted() && seq <= delivered) {
      return new Outcome(List.of(), state());
    }
    if (waiting.size() >= maxWaiting && !waiting.containsKey(seq)) {
      return new Outcome(List.of(), State.OVERFLOW);
    }
    waiting.putIfAbsent(seq, frame);
    if (!isStarted()) {
      return new Outcome(List.of(), State.IN_ORDER);
    }
    return drain(new ArrayList<>());
  }

  /** The highest seq sent; everything from the start up to it was sent. -1 before the start. */
  long delivered() {
    return delivered;
  }

  /** The lowest seq that waits behind a gap, or -1 when nothing waits. */
  long firstWaiting() {
    return waiting.isEmpty() ? -1 : waiting.firstKey();
  }

  /** A repair ran. Whether a gap remains: then the caller asks for another repair. */
  boolean repairDone() {
    repairAsked = isStarted() && !waiting.isEmpty();
    return repairAsked;
  }

  private Outcome drain(List<String> ready) {
    Map.Entry<Long, String> next;
    while ((next = waiting.firstEntry()) != null && next.getKey() == delivered + 1) {
      waiting.pollFirstEntry();
      delivered = next.getKey();
      ready.add(next.getValue());
    }
    return new Outcome(ready, state());
  }

  private State state() {
    if (waiting.isEmpty() || !isStarted()) {
      return State.IN_ORDER;
    }
    if (repairAsked) {
      return State.GAP_PENDING;
    }
    repairAsked = true;
    return State.GAP_OPENED;
  }
}
