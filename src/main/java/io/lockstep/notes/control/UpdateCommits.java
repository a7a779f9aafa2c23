package io.lockstep.notes.control;

import io.lockstep.auth.entity.Caller;
import io.lockstep.notes.entity.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stores the Yjs updates of a note with group commit ({@link GroupCommit}): the updates that
 * editors send while one transaction of the note commits are stored together in the next one. Every
 * update's writer is checked in that transaction, one by one: an update its writer may not make is
 * refused alone, the others of its batch are stored.
 */
@ApplicationScoped
public class UpdateCommits {

  @Inject Notes notes;
  @Inject NoteDocuments documents;

  /** This bean through its proxy, so that {@link #commit} runs in a transaction of its own. */
  @Inject UpdateCommits self;

  @Inject
  @ConfigProperty(name = "lockstep.notes.max-updates-per-commit", defaultValue = "100")
  int maxUpdatesPerCommit;

  private final ConcurrentMap<String, NoteCommits> byNote = new ConcurrentHashMap<>();

  /** An update and who sends it. */
  public record Submitted(Caller caller, byte[] update) {}

  /** What became of a submitted update: stored, or refused with an exception of its own. */
  public record Outcome(NoteDocuments.Stored stored, RuntimeException refused) {}

  /**
   * Stores the update (checked with {@link NoteDocuments#requireUpdate} before), most likely in one
   * transaction with others of the same note.
   *
   * @throws NoteForbiddenException if the caller may read the note, not change it
   * @throws NoteNotFoundException if there is no such note, or the caller may not see it
   */
  public NoteDocuments.Stored store(Caller caller, String noteId, byte[] update) {
    GroupCommit<Submitted, Outcome> commits = enter(noteId);
    Outcome outcome;
    try {
      outcome = commits.submit(new Submitted(caller, update));
    } finally {
      leave(noteId);
    }
    if (outcome.refused() != null) {
      throw outcome.refused();
    }
    return outcome.stored();
  }

  /** One transaction for a batch of the note's updates, each writer checked. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Outcome> commit(String noteId, List<Submitted> batch) {
    Map<Caller, Optional<RuntimeException>> refusals = new HashMap<>();
    List<byte[]> accepted = new ArrayList<>(batch.size());
    for (Submitted submitted : batch) {
      if (refusals
          .computeIfAbsent(submitted.caller(), caller -> refusal(caller, noteId))
          .isEmpty()) {
        accepted.add(submitted.update());
      }
    }
    List<NoteDocuments.Stored> stored = documents.append(noteId, accepted);
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    int next = 0;
    for (Submitted submitted : batch) {
      RuntimeException refused = refusals.get(submitted.caller()).orElse(null);
      outcomes.add(
          refused == null ? new Outcome(stored.get(next++), null) : new Outcome(null, refused));
    }
    return outcomes;
  }

  /** Why the caller may not change the note, if they may not. */
  private Optional<RuntimeException> refusal(Caller caller, String noteId) {
    try {
      return notes.permission(caller, noteId).allows(Permission.WRITE)
          ? Optional.empty()
          : Optional.of(new NoteForbiddenException("you may read this note, not change it"));
    } catch (NoteNotFoundException notVisible) {
      return Optional.of(notVisible);
    }
  }

  private GroupCommit<Submitted, Outcome> enter(String noteId) {
    return byNote
        .compute(
            noteId,
            (id, commits) -> {
              NoteCommits entered =
                  commits == null
                      ? new NoteCommits(
                          new GroupCommit<>(batch -> self.commit(id, batch), maxUpdatesPerCommit))
                      : commits;
              entered.users++;
              return entered;
            })
        .group();
  }

  /**
   * The last one out forgets the note's group, so a map entry lives only while a note is edited.
   */
  private void leave(String noteId) {
    byNote.computeIfPresent(noteId, (id, commits) -> --commits.users == 0 ? null : commits);
  }

  /** A note's group commit and how many callers are in it (changed only inside compute). */
  private static final class NoteCommits {
    private final GroupCommit<Submitted, Outcome> group;
    private int users;

    NoteCommits(GroupCommit<Submitted, Outcome> group) {
      this.group = group;
    }

    GroupCommit<Submitted, Outcome> group() {
      return group;
    }
  }
}
