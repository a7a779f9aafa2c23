package io.lockstep.cluster.entity;

import java.io.Serializable;

/**
 * A frame for every connection in a room, crossing from the node that sent it to the others. {@code
 * seq} is the frame's place in the room's stream (0 for a transient frame); {@code
 * exceptConnection} names a connection that must not get it (the sender's), or is null.
 */
public record RoomDelivery(
    String room,
    String frame,
    long seq,
    Kind kind,
    String exceptConnection,
    String originNode,
    long publishedAtMicros)
    implements Serializable {

  public RoomDelivery(
      String room, String frame, long seq, Kind kind, String exceptConnection, String originNode) {
    this(room, frame, seq, kind, exceptConnection, originNode, epochMicros());
  }

  /** Microseconds since the epoch, comparable between nodes as far as their clocks agree. */
  public static long epochMicros() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  /** What the frame is to the room's stream, and so who may get it. */
  public enum Kind {
    /** Not part of a stream: every member gets it. */
    TRANSIENT,
    /** Event {@code seq} of the room's stream: each connection gets it at most once. */
    EVENT,
    /** A further chunk of event {@code seq}, which is still streaming. */
    CONTINUATION,
    /** The room's last frame: every member gets it, then leaves the room. */
    FAREWELL
  }
}
