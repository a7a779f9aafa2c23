package io.lockstep.realtime.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The last sequence number handed out in a stream. Locked by the transaction that appends, so
 * numbers are assigned once, without gaps, on any number of nodes.
 */
@Entity
@Table(name = "stream_heads")
public class StreamHead {

  @Id
  @Column(length = 300)
  private String stream;

  @Column(name = "last_seq", nullable = false)
  private long lastSeq;

  protected StreamHead() {}

  public StreamHead(String stream) {
    this.stream = stream;
  }

  public long next() {
    return ++lastSeq;
  }

  public long lastSeq() {
    return lastSeq;
  }
}
