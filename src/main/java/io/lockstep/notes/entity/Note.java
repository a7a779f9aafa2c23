package io.lockstep.notes.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A note of one owner. Its row holds the Yjs document's compacted snapshot and is the counter of
 * the document's stored updates ({@code lastSeq}, locked by the appending transaction).
 */
@Entity
@Table(name = "notes")
public class Note {

  /** An update with no structs and no deletions: the document of a new note. */
  public static final byte[] EMPTY_DOCUMENT = {0, 0};

  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "owner_id", nullable = false, length = 255)
  private String ownerId;

  @Column(nullable = false, length = 500)
  private String title;

  @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
  @Column(nullable = false)
  private String content;

  @JdbcTypeCode(SqlTypes.LONG32VARBINARY)
  @Column(nullable = false)
  private byte[] snapshot;

  @Column(name = "snapshot_seq", nullable = false)
  private long snapshotSeq;

  @Column(name = "last_seq", nullable = false)
  private long lastSeq;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Note() {}

  public Note(String ownerId, String title, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.ownerId = ownerId;
    this.title = title;
    this.content = "";
    this.snapshot = EMPTY_DOCUMENT;
    this.createdAt = now;
    this.updatedAt = now;
  }

  public String id() {
    return id;
  }

  public String ownerId() {
    return ownerId;
  }

  public String title() {
    return title;
  }

  public String content() {
    return content;
  }

  public byte[] snapshot() {
    return snapshot;
  }

  public long snapshotSeq() {
    return snapshotSeq;
  }

  public long lastSeq() {
    return lastSeq;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** Updates stored since the snapshot: what compaction would fold in. */
  public long pendingUpdates() {
    return lastSeq - snapshotSeq;
  }

  public void rename(String title, Instant now) {
    this.title = title;
    this.updatedAt = now;
  }

  public void contentRendered(String content, Instant now) {
    this.content = content;
    this.updatedAt = now;
  }

  /** The seq of the next stored update; the caller holds this row's write lock. */
  public long nextSeq(Instant now) {
    updatedAt = now;
    return ++lastSeq;
  }

  /** The snapshot now covers every update up to {@code seq}. */
  public void compacted(byte[] snapshot, long seq) {
    this.snapshot = snapshot;
    this.snapshotSeq = seq;
  }
}
