package io.lockstep.notes.control;

import io.lockstep.metrics.control.Meters;
import io.lockstep.notes.entity.Note;
import io.lockstep.notes.entity.NoteUpdate;
import io.lockstep.realtime.control.StreamHeads;
import io.lockstep.yjs.YUpdates;
import io.lockstep.yjs.YjsFormatException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Yjs documents of notes, as the database keeps them: a compacted snapshot plus the updates
 * stored since. The stored document is the source of truth: a joining client gets it, and a client
 * only ever adds updates. Once more than {@code lockstep.notes.compact-after-updates} updates wait,
 * they are merged into the snapshot, so loading a document costs the same after a million edits as
 * after ten.
 */
@ApplicationScoped
@Transactional
public class NoteDocuments {

  private static final Logger LOG = Logger.getLogger(NoteDocuments.class.getName());

  @PersistenceContext(unitName = "lockstep")
  EntityManager em;

  /**
   * How far {@code updated_at} may lag behind the last stored update: a busy document's row, as
   * large as the document, is rewritten at most once in this time, not on every keystroke.
   */
  static final Duration EDITED_AT_STEP = Duration.ofSeconds(10);

  @Inject Meters meters;
  @Inject StreamHeads heads;

  @Inject
  @ConfigProperty(name = "lockstep.notes.compact-after-updates", defaultValue = "500")
  int compactAfterUpdates;

  Clock clock = Clock.systemUTC();

  /** A stored update: its seq, and whether the document should now be compacted. */
  public record Stored(long seq, boolean compactionDue) {}

  /** The whole document as one update. */
  public byte[] state(String noteId) {
    Note note = note(noteId, LockModeType.NONE);
    List<byte[]> parts = new ArrayList<>();
    parts.add(note.snapshot());
    em.createNamedQuery(NoteUpdate.AFTER, NoteUpdate.class)
        .setParameter("note", noteId)
        .setParameter("after", note.snapshotSeq())
        .setParameter("upTo", Long.MAX_VALUE)
        .getResultStream()
        .forEach(update -> parts.add(update.data()));
    return parts.size() == 1 ? parts.get(0) : YUpdates.merge(parts);
  }

  /**
   * Stores an update after checking that it decodes; it is committed before anyone is told of it.
   *
   * @throws InvalidNoteException if it is not a Yjs update
   */
  public Stored append(String noteId, byte[] update) {
    try {
      YUpdates.stateVector(update);
    } catch (YjsFormatException e) {
      throw new InvalidNoteException("update is not a Yjs update: " + e.getMessage());
    }
    long snapshotSeq = snapshotSeq(noteId);
    long seq = heads.locked(Note.documentStream(noteId)).next();
    Instant now = now();
    em.persist(new NoteUpdate(noteId, seq, update, now));
    em.createQuery(
            "UPDATE Note n SET n.updatedAt = :now WHERE n.id = :id AND n.updatedAt < :before")
        .setParameter("now", now)
        .setParameter("id", noteId)
        .setParameter("before", now.minus(EDITED_AT_STEP))
        .executeUpdate();
    meters.documentUpdated();
    return new Stored(seq, seq - snapshotSeq > compactAfterUpdates);
  }

  /** Merges the waiting updates into the snapshot and deletes them, in one transaction. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void compact(String noteId) {
    Note note = note(noteId, LockModeType.PESSIMISTIC_WRITE);
    long upTo = heads.lastSeq(Note.documentStream(noteId));
    if (upTo <= note.snapshotSeq()) {
      return;
    }
    List<byte[]> parts = new ArrayList<>();
    parts.add(note.snapshot());
    em.createNamedQuery(NoteUpdate.AFTER, NoteUpdate.class)
        .setParameter("note", noteId)
        .setParameter("after", note.snapshotSeq())
        .setParameter("upTo", upTo)
        .getResultStream()
        .forEach(update -> parts.add(update.data()));
    byte[] snapshot = YUpdates.merge(parts);
    note.compacted(snapshot, upTo);
    meters.documentCompacted();
    int deleted =
        em.createNamedQuery(NoteUpdate.DELETE_UP_TO)
            .setParameter("note", noteId)
            .setParameter("upTo", upTo)
            .executeUpdate();
    LOG.fine(
        () ->
            "Compacted note "
                + noteId
                + ": "
                + deleted
                + " updates into a snapshot of "
                + snapshot.length
                + " bytes");
  }

  /** Saves the text a client rendered from the document. */
  public void saveContent(String noteId, String content) {
    Note note = em.find(Note.class, noteId, LockModeType.PESSIMISTIC_WRITE);
    if (note != null) {
      note.contentRendered(content, now());
    }
  }

  /** How many updates wait to be compacted (for tests and diagnostics). */
  public long pendingUpdates(String noteId) {
    return heads.lastSeq(Note.documentStream(noteId)) - snapshotSeq(noteId);
  }

  /** The last seq of the document's stored updates. */
  public long lastSeq(String noteId) {
    return heads.lastSeq(Note.documentStream(noteId));
  }

  private long snapshotSeq(String noteId) {
    List<Long> found =
        em.createQuery("SELECT n.snapshotSeq FROM Note n WHERE n.id = :id", Long.class)
            .setParameter("id", noteId)
            .getResultList();
    if (found.isEmpty()) {
      throw new NoteNotFoundException(noteId);
    }
    return found.get(0);
  }

  private Note note(String noteId, LockModeType lock) {
    Note note = em.find(Note.class, noteId, lock);
    if (note == null) {
      throw new NoteNotFoundException(noteId);
    }
    return note;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
