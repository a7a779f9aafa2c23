package io.lockstep.notes.entity;

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

/** One stored Yjs update of a note's document, numbered by the note's counter. */
@Entity
@Table(name = "note_updates")
@IdClass(NoteUpdate.Key.class)
@NamedQuery(
    name = NoteUpdate.AFTER,
    query =
        "SELECT u FROM NoteUpdate u WHERE u.noteId = :note AND u.seq > :after AND u.seq <= :upTo"
            + " ORDER BY u.seq")
@NamedQuery(
    name = NoteUpdate.DELETE_UP_TO,
    query = "DELETE FROM NoteUpdate u WHERE u.noteId = :note AND u.seq <= :upTo")
public class NoteUpdate {

  public static final String AFTER = "NoteUpdate.after";
  public static final String DELETE_UP_TO = "NoteUpdate.deleteUpTo";

  @Id
  @Column(name = "note_id", length = 36)
  private String noteId;

  @Id private long seq;

  @JdbcTypeCode(SqlTypes.LONG32VARBINARY)
  @Column(nullable = false)
  private byte[] data;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected NoteUpdate() {}

  public NoteUpdate(String noteId, long seq, byte[] data, Instant createdAt) {
    this.noteId = noteId;
    this.seq = seq;
    this.data = data;
    this.createdAt = createdAt;
  }

  public long seq() {
    return seq;
  }

  public byte[] data() {
    return data;
  }

  /** The composite primary key (note_id, seq). */
  public static class Key implements Serializable {
    private String noteId;
    private long seq;

    public Key() {}

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && key.seq == seq && Objects.equals(key.noteId, noteId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(noteId, seq);
    }
  }
}
