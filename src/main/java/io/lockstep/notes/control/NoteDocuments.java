package io.lockstep.notes.control;

import io.lockstep.metrics.control.Meters;
import io.lockstep.notes.entity.Note;
import io.lockstep.notes.entity.NoteUpdate;
import io.lockstep.realtime.control.StreamHeads;
import io.lockstep.realtime.entity.StreamHead;
import io.lockstep.yjs.Content;
import io.lockstep.yjs.Struct;
import io.lockstep.yjs.Update;
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
   * Checks that an update is one every Yjs client can apply, before it is stored: it decodes, and
   * what Yjs reads with JSON.parse (embeds, format values, legacy JSON content) is JSON. One that a
   * client could not apply, once stored, would break every client that loads the note.
   *
   * @throws InvalidNoteException if it is not
   */
  public static void requireUpdate(byte[] update) {
    Update decoded;
    try {
      decoded = Update.decode(update);
    } catch (YjsFormatException e) {
      throw new InvalidNoteException("update is not a Yjs update: " + e.getMessage());
    }
    for (List<Struct> structs : decoded.structs().values()) {
      for (Struct struct : structs) {
        if (struct instanceof Struct.Item item && !holdsOnlyJson(item.content())) {
          throw new InvalidNoteException(
              "update is not a Yjs update: content of item "
                  + item.client()
                  + ":"
                  + item.clock()
                  + " is not JSON");
        }
      }
    }
  }

  private static boolean holdsOnlyJson(Content content) {
    if (content instanceof Content.Embed embed) {
      return JsonText.isJson(embed.json());
    }
    if (content instanceof Content.Format format) {
      return JsonText.isJson(format.json());
    }
    if (content instanceof Content.Json json) {
      // Yjs writes an undefined element as the word undefined
      return json.values().stream()
          .allMatch(value -> value.equals("undefined") || JsonText.isJson(value));
    }
    return true;
  }

  /**
   * Stores updates of one note (each checked with {@link #requireUpdate}), in order, with seqs that
   * follow each other; they are committed before anyone is told of them. Only the last one's {@link
   * Stored#compactionDue} can be true, so a batch asks for one compaction at most.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Stored> append(String noteId, List<byte[]> updates) {
    Instant now = now();
    Progress progress = progress(noteId);
    if (updates.isEmpty()) {
      return List.of();
    }
    if (progress.updatedAt().isBefore(now.minus(EDITED_AT_STEP))) {
      em.createQuery("UPDATE Note n SET n.updatedAt = :now WHERE n.id = :id AND n.updatedAt < :now")
          .setParameter("now", now)
          .setParameter("id", noteId)
          .executeUpdate();
    }
    StreamHead head = heads.locked(Note.documentStream(noteId));
    List<Stored> stored = new ArrayList<>(updates.size());
    for (byte[] update : updates) {
      long seq = head.next();
      em.persist(new NoteUpdate(noteId, seq, update, now));
      meters.documentUpdated();
      stored.add(new Stored(seq, false));
    }
    long last = head.lastSeq();
    if (last - progress.snapshotSeq() > compactAfterUpdates) {
      stored.set(stored.size() - 1, new Stored(last, true));
    }
    return stored;
  }

  /** What an append needs to know of its note, without loading its snapshot. */
  private record Progress(long snapshotSeq, Instant updatedAt) {}

  private Progress progress(String noteId) {
    List<Progress> found =
        em.createQuery(
                "SELECT n.snapshotSeq, n.updatedAt FROM Note n WHERE n.id = :id", Object[].class)
            .setParameter("id", noteId)
            .getResultStream()
            .map(row -> new Progress((Long) row[0], (Instant) row[1]))
            .toList();
    if (found.isEmpty()) {
      throw new NoteNotFoundException(noteId);
    }
    return found.get(0);
  }

  /**
   * Merges the waiting updates into the snapshot and deletes them, in one transaction, if more than
   * {@code compact-after-updates} still wait once the note is locked: every append that saw the old
   * snapshot asks for a compaction, and only the first to get the lock has work to do.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void compactIfDue(String noteId) {
    Note note = note(noteId, LockModeType.PESSIMISTIC_WRITE);
    long upTo = heads.lastSeq(Note.documentStream(noteId));
    if (upTo - note.snapshotSeq() <= compactAfterUpdates) {
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
    return heads.lastSeq(Note.documentStream(noteId)) - progress(noteId).snapshotSeq();
  }

  /** The last seq of the document's stored updates. */
  public long lastSeq(String noteId) {
    return heads.lastSeq(Note.documentStream(noteId));
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
