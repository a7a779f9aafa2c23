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
 * A note of one owner. Its row holds the Yjs document's compacted snapshot and the rendered text;
 * the counter of the document's stored updates is a stream head of its own ({@link
 * #documentStream}), so that storing an update neither reads nor writes this row, whose size grows
 * with the document.
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

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** The stream whose head counts the document's stored updates. */
  public static String documentStream(String noteId) {
    return "note:" + noteId;
  }

  public void rename(String title, Instant now) {
    this.title = title;
    this.updatedAt = now;
  }

  public void contentRendered(String content, Instant now) {
    this.content = content;
    this.updatedAt = now;
  }

  /** The snapshot now covers every update up to {@code seq}. */
  public void compacted(byte[] snapshot, long seq) {
    this.snapshot = snapshot;
    this.snapshotSeq = seq;
  }
}
