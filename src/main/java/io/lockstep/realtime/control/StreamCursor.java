package io.lockstep.realtime.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * What one connection has been sent of one sequence-numbered stream (an agent session): the
 * document's {@code lastSentSeq} (the highest seq sent) and the ranges of seqs sent, live or in
 * load replies. One rule keeps a client from ever getting an event twice: nothing goes out whose
 * seq was sent before, except further chunks of the event at {@code lastSentSeq} (continuations).
 * Live events are always the newest, so for them the rule is {@code seq > lastSentSeq}. {@code
 * lastSentSeq} only grows; the ranges stay few (a client loads a tail, then older pages, then
 * follows live), so they cost little.
 */
public final class StreamCursor {

  private long lastSentSeq;

  /** Disjoint, non-adjacent ranges of sent seqs: first seq to last seq. */
  private final TreeMap<Long, Long> sent = new TreeMap<>();

  /** Whether a live event (or a continuation chunk) goes out; records it if so. */
  public synchronized boolean admitLive(long seq, boolean continuation) {
    if (continuation) {
      return seq == lastSentSeq && wasSent(seq);
    }
    if (seq <= lastSentSeq) {
      return false;
    }
    record(seq);
    return true;
  }

  /**
   * The events of a load reply that this connection was not sent before, in the given order;
   * records them as sent. Call it and enqueue the reply under one lock with live delivery of the
   * stream, so no live event overtakes the decision.
   */
  public synchronized <E> List<E> admitReply(List<E> events, ToLongFunction<E> seqOf) {
    List<E> admitted = new ArrayList<>(events.size());
    for (E event : events) {
      long seq = seqOf.applyAsLong(event);
      if (!wasSent(seq)) {
        admitted.add(event);
        record(seq);
      }
    }
    return admitted;
  }

  public synchronized long lastSentSeq() {
    return lastSentSeq;
  }

  /** How many separate ranges of seqs were sent (for tests and diagnostics). */
  public synchronized int sentRanges() {
    return sent.size();
  }

  private boolean wasSent(long seq) {
    Map.Entry<Long, Long> range = sent.floorEntry(seq);
    return range != null && range.getValue() >= seq;
  }

  private void record(long seq) {
    lastSentSeq = Math.max(lastSentSeq, seq);
    long first = seq;
    long last = seq;
    Map.Entry<Long, Long> below = sent.floorEntry(seq - 1);
    if (below != null && below.getValue() >= seq - 1) {
      first = below.getKey();
      last = Math.max(last, below.getValue());
      sent.remove(below.getKey());
    }
    Long aboveEnd = sent.remove(seq + 1);
    if (aboveEnd != null) {
      last = Math.max(last, aboveEnd);
    }
    sent.put(first, last);
  }
}
