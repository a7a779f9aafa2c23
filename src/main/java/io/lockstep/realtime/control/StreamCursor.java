package io.lockstep.realtime.control;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * What one connection has been sent of one sequence-numbered stream (an agent session): the
 * document's {@code lastSentSeq}, and where live delivery began. Two rules keep a client from ever
 * getting an event twice: a live event goes out only if its seq is above {@code lastSentSeq} (a
 * further chunk of the event at {@code lastSentSeq} is a continuation and goes out); a reply to a
 * load leaves out the events this connection already got live. {@code lastSentSeq} only grows.
 */
public final class StreamCursor {

  private long lastSentSeq;
  private long liveFrom = Long.MAX_VALUE;

  /** Whether a live event (or a continuation chunk) goes out; records it if so. */
  public synchronized boolean admitLive(long seq, boolean continuation) {
    if (continuation) {
      return seq == lastSentSeq;
    }
    if (seq <= lastSentSeq) {
      return false;
    }
    lastSentSeq = seq;
    liveFrom = Math.min(liveFrom, seq);
    return true;
  }

  /**
   * The events of a load reply that this connection has not already received live, oldest first;
   * records them as sent. Call it and enqueue the reply under one lock with live delivery of the
   * stream, so no live event overtakes the decision.
   */
  public synchronized <E> List<E> admitReply(List<E> events, ToLongFunction<E> seqOf) {
    List<E> admitted =
        events.stream()
            .filter(
                event -> {
                  long seq = seqOf.applyAsLong(event);
                  return seq < liveFrom || seq > lastSentSeq;
                })
            .toList();
    for (E event : admitted) {
      lastSentSeq = Math.max(lastSentSeq, seqOf.applyAsLong(event));
    }
    return admitted;
  }

  public synchronized long lastSentSeq() {
    return lastSentSeq;
  }
}
