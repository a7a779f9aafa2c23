package io.lockstep.notes.control;

import io.lockstep.auth.entity.Caller;
import io.lockstep.notes.entity.Note;
import io.lockstep.notes.entity.NoteAccess;
import io.lockstep.notes.entity.NoteGrant;
import io.lockstep.notes.entity.NoteInput;
import io.lockstep.notes.entity.NotePage;
import io.lockstep.notes.entity.NoteRecord;
import io.lockstep.notes.entity.Permission;
import io.lockstep.notes.entity.Principals;
import io.lockstep.realtime.control.StreamHeads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Notes and who may do what with them. The owner and admins may do everything; a {@code read} grant
 * lets a user (or a group's members) view the note and join its document, a {@code write} grant
 * also edit it. Everyone else is told the note does not exist.
 */
@ApplicationScoped
@Transactional
public class Notes {

  static final int EXCERPT_CHARS = 280;

  /** A group name no token carries, so that "IN :groups" never gets an empty list. */
  private static final String NO_GROUP = "\u0000";

  @PersistenceContext(unitName = "lockstep")
  EntityManager em;

  @Inject StreamHeads heads;

  Clock clock = Clock.systemUTC();

  public NoteRecord create(Caller caller, NoteInput input) {
    String title = input == null || input.title() == null ? "New Note" : input.title().strip();
    Note note = new Note(caller.id(), title, now());
    em.persist(note);
    heads.start(Note.documentStream(note.id()));
    return record(note, Permission.OWNER, false);
  }

  /** The notes the caller owns or was granted, newest first; {@code query} filters by text. */
  public NotePage list(Caller caller, String query, int page, int size) {
    String where =
        " FROM Note n WHERE (n.ownerId = :me OR n.id IN (SELECT g.noteId FROM NoteGrant g WHERE"
            + " (g.principalKind = 'user' AND g.principal = :me)"
            + " OR (g.principalKind = 'group' AND g.principal IN :groups)))";
    boolean filtered = query != null && !query.isBlank();
    if (filtered) {
      where +=
          " AND (LOWER(n.title) LIKE :text ESCAPE '!'"
              + " OR LOWER(CAST(n.content AS String)) LIKE :text ESCAPE '!')";
    }
    TypedQuery<Note> notes =
        em.createQuery("SELECT n" + where + " ORDER BY n.updatedAt DESC, n.id", Note.class);
    TypedQuery<Long> count = em.createQuery("SELECT COUNT(n)" + where, Long.class);
    for (TypedQuery<?> q : List.of(notes, count)) {
      q.setParameter("me", caller.id());
      q.setParameter("groups", groupsOf(caller));
      if (filtered) {
        q.setParameter("text", "%" + likeEscaped(query.strip().toLowerCase(Locale.ROOT)) + "%");
      }
    }
    List<NoteRecord> items = new ArrayList<>();
    for (Note note : notes.setFirstResult(page * size).setMaxResults(size).getResultList()) {
      items.add(record(note, permissionOf(caller, note), true));
    }
    return new NotePage(items, page, size, count.getSingleResult());
  }

  public NoteRecord get(Caller caller, String id) {
    Note note = find(id, LockModeType.NONE);
    Permission permission = require(caller, note, Permission.READ);
    return record(note, permission, false);
  }

  /** What the caller may do with the note; not found if nothing. */
  public Permission permission(Caller caller, String id) {
    // the owner only: the note's row holds the whole document, and this runs for every update
    List<String> owner =
        id == null || id.length() > 36
            ? List.of()
            : em.createQuery("SELECT n.ownerId FROM Note n WHERE n.id = :id", String.class)
                .setParameter("id", id)
                .getResultList();
    if (owner.isEmpty()) {
      throw new NoteNotFoundException(id);
    }
    return require(caller, id, owner.get(0), Permission.READ);
  }

  public NoteRecord rename(Caller caller, String id, String title) {
    Note note = find(id, LockModeType.PESSIMISTIC_WRITE);
    Permission permission = require(caller, note, Permission.WRITE);
    note.rename(title.strip(), now());
    return record(note, permission, false);
  }

  /** Replaces the note's grants; owner and admins only. */
  public NoteRecord share(Caller caller, String id, NoteAccess access) {
    Note note = find(id, LockModeType.PESSIMISTIC_WRITE);
    require(caller, note, Permission.OWNER);
    em.createNamedQuery(NoteGrant.DELETE_OF_NOTE).setParameter("note", id).executeUpdate();
    em.flush();
    Set<String> writers = new LinkedHashSet<>();
    Set<String> writerGroups = new LinkedHashSet<>();
    grant(id, access.write(), Permission.WRITE, writers, writerGroups);
    grant(id, access.read(), Permission.READ, writers, writerGroups);
    note.rename(note.title(), now());
    return record(note, Permission.OWNER, false);
  }

  public void delete(Caller caller, String id) {
    Note note = find(id, LockModeType.PESSIMISTIC_WRITE);
    require(caller, note, Permission.OWNER);
    em.remove(note);
    heads.remove(Note.documentStream(id));
  }

  private void grant(
      String id,
      Principals principals,
      Permission permission,
      Set<String> grantedUsers,
      Set<String> grantedGroups) {
    for (String user : principals.userIds()) {
      if (grantedUsers.add(user.strip())) {
        em.persist(new NoteGrant(id, NoteGrant.USER, user.strip(), permission));
      }
    }
    for (String group : principals.groupIds()) {
      if (grantedGroups.add(group.strip())) {
        em.persist(new NoteGrant(id, NoteGrant.GROUP, group.strip(), permission));
      }
    }
  }

  private Note find(String id, LockModeType lock) {
    Note note = id == null || id.length() > 36 ? null : em.find(Note.class, id, lock);
    if (note == null) {
      throw new NoteNotFoundException(id);
    }
    return note;
  }

  private Permission require(Caller caller, Note note, Permission needed) {
    return require(caller, note.id(), note.ownerId(), needed);
  }

  private Permission require(Caller caller, String id, String ownerId, Permission needed) {
    Permission permission = permissionOf(caller, id, ownerId);
    if (permission == null) {
      throw new NoteNotFoundException(id);
    }
    if (!permission.allows(needed)) {
      throw new NoteForbiddenException(
          "you may "
              + permission.name().toLowerCase(Locale.ROOT)
              + " this note, not "
              + (needed == Permission.OWNER ? "share or delete it" : "change it"));
    }
    return permission;
  }

  /** The caller's strongest permission on the note, or null. */
  private Permission permissionOf(Caller caller, Note note) {
    return permissionOf(caller, note.id(), note.ownerId());
  }

  private Permission permissionOf(Caller caller, String id, String ownerId) {
    if (ownerId.equals(caller.id()) || caller.isAdmin()) {
      return Permission.OWNER;
    }
    Permission best = null;
    for (NoteGrant grant : grantsOf(id)) {
      boolean applies =
          grant.principalKind().equals(NoteGrant.USER)
              ? grant.principal().equals(caller.id())
              : caller.groups().contains(grant.principal());
      if (applies && (best == null || grant.permission().allows(best))) {
        best = grant.permission();
      }
    }
    return best;
  }

  private List<NoteGrant> grantsOf(String id) {
    return em.createNamedQuery(NoteGrant.OF_NOTE, NoteGrant.class)
        .setParameter("note", id)
        .getResultList();
  }

  private NoteRecord record(Note note, Permission permission, boolean excerpt) {
    NoteAccess access = permission == Permission.OWNER ? accessOf(note.id()) : null;
    String content = note.content();
    if (excerpt && content.length() > EXCERPT_CHARS) {
      content = content.substring(0, EXCERPT_CHARS);
    }
    return new NoteRecord(
        note.id(),
        note.ownerId(),
        note.title(),
        content,
        permission.name().toLowerCase(Locale.ROOT),
        access,
        heads.lastSeq(Note.documentStream(note.id())),
        note.snapshotSeq(),
        note.createdAt(),
        note.updatedAt());
  }

  private NoteAccess accessOf(String id) {
    List<String> readUsers = new ArrayList<>();
    List<String> readGroups = new ArrayList<>();
    List<String> writeUsers = new ArrayList<>();
    List<String> writeGroups = new ArrayList<>();
    for (NoteGrant grant : grantsOf(id)) {
      boolean user = grant.principalKind().equals(NoteGrant.USER);
      boolean write = grant.permission() == Permission.WRITE;
      (user ? (write ? writeUsers : readUsers) : (write ? writeGroups : readGroups))
          .add(grant.principal());
    }
    return new NoteAccess(
        new Principals(readUsers, readGroups), new Principals(writeUsers, writeGroups));
  }

  private static List<String> groupsOf(Caller caller) {
    return caller.groups().isEmpty() ? List.of(NO_GROUP) : List.copyOf(caller.groups());
  }

  private static String likeEscaped(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
