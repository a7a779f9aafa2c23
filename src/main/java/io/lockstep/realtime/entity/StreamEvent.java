package io.lockstep.realtime.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One event of a stream, kept for replay: its seq, type, and the payload as sent (JSON). */
@Entity
@Table(name = "stream_events")
@IdClass(StreamEvent.Key.class)
@NamedQuery(
    name = StreamEvent.AFTER,
    query =
        "SELECT e FROM StreamEvent e WHERE e.stream = :stream AND e.seq > :after AND e.seq <= :upTo"
            + " ORDER BY e.seq")
@NamedQuery(
    name = StreamEvent.BEFORE,
    query =
        "SELECT e FROM StreamEvent e WHERE e.stream = :stream AND e.seq < :before"
            + " ORDER BY e.seq DESC")
@NamedQuery(
    name = StreamEvent.DELETE_STREAM,
    query = "DELETE FROM StreamEvent e WHERE e.stream = :stream")
@NamedQuery(
    name = StreamEvent.FIRST_SEQ,
    query = "SELECT MIN(e.seq) FROM StreamEvent e WHERE e.stream = :stream")
@NamedQuery(
    name = StreamEvent.DELETE_BEFORE,
    query = "DELETE FROM StreamEvent e WHERE e.stream LIKE :prefix AND e.createdAt < :cutoff")
@NamedQuery(
    name = StreamEvent.DELETE_UP_TO,
    query = "DELETE FROM StreamEvent e WHERE e.stream = :stream AND e.seq <= :upTo")
public class StreamEvent {

  public static final String AFTER = "StreamEvent.after";
  public static final String BEFORE = "StreamEvent.before";
  public static final String DELETE_STREAM = "StreamEvent.deleteStream";
  public static final String FIRST_SEQ = "StreamEvent.firstSeq";
  public static final String DELETE_BEFORE = "StreamEvent.deleteBefore";
  public static final String DELETE_UP_TO = "StreamEvent.deleteUpTo";

  @Id
  @Column(length = 300)
  private String stream;

  @Id private long seq;

  @Column(nullable = false, length = 64)
  private String type;

  @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
  @Column(nullable = false)
  private String payload;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected StreamEvent() {}

  public StreamEvent(String stream, long seq, String type, String payload, Instant createdAt) {
    this.stream = stream;
    this.seq = seq;
    this.type = type;
    this.payload = payload;
    this.createdAt = createdAt;
  }

  public long seq() {
    return seq;
  }

  public String type() {
    return type;
  }

  public String payload() {
    return payload;
  }

  /** Replaces the stored frame: an event still streaming grows under its seq. */
  public void rewrite(String payload) {
    this.payload = payload;
  }

  /** The composite primary key (stream, seq). */
  public static class Key implements Serializable {
    private String stream;
    private long seq;

    public Key() {}

    public static Key of(String stream, long seq) {
      Key key = new Key();
      key.stream = stream;
      key.seq = seq;
      return key;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && key.seq == seq && Objects.equals(key.stream, stream);
    }

    @Override
    public int hashCode() {
      return Objects.hash(stream, seq);
    }
  }
}
