package io.lockstep.notes.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** Read or write access to a note for one user or one group. */
@Entity
@Table(name = "note_grants")
@IdClass(NoteGrant.Key.class)
@NamedQuery(
    name = NoteGrant.OF_NOTE,
    query =
        "SELECT g FROM NoteGrant g WHERE g.noteId = :note ORDER BY g.principalKind, g.principal")
@NamedQuery(
    name = NoteGrant.DELETE_OF_NOTE,
    query = "DELETE FROM NoteGrant g WHERE g.noteId = :note")
public class NoteGrant {

  public static final String OF_NOTE = "NoteGrant.ofNote";
  public static final String DELETE_OF_NOTE = "NoteGrant.deleteOfNote";
  public static final String USER = "user";
  public static final String GROUP = "group";

  @Id
  @Column(name = "note_id", length = 36)
  private String noteId;

  @Id
  @Column(name = "principal_kind", length = 8)
  private String principalKind;

  @Id
  @Column(length = 255)
  private String principal;

  @Column(nullable = false, length = 8)
  private String permission;

  protected NoteGrant() {}

  public NoteGrant(String noteId, String principalKind, String principal, Permission permission) {
    this.noteId = noteId;
    this.principalKind = principalKind;
    this.principal = principal;
    this.permission = permission.name().toLowerCase(java.util.Locale.ROOT);
  }

  public String principalKind() {
    return principalKind;
  }

  public String principal() {
    return principal;
  }

  public Permission permission() {
    return Permission.valueOf(permission.toUpperCase(java.util.Locale.ROOT));
  }

  /** The composite primary key (note_id, principal_kind, principal). */
  public static class Key implements Serializable {
    private String noteId;
    private String principalKind;
    private String principal;

    public Key() {}

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && Objects.equals(key.noteId, noteId)
          && Objects.equals(key.principalKind, principalKind)
          && Objects.equals(key.principal, principal);
    }

    @Override
    public int hashCode() {
      return Objects.hash(noteId, principalKind, principal);
    }
  }
}
