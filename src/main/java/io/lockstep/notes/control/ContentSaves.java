package io.lockstep.notes.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Saves the content that clients render from a note's document, with a trailing debounce: a save
 * happens once no newer content arrived for {@code lockstep.notes.content-save-delay-ms}, and it
 * always saves the latest content. A newer content that arrives while a save runs is saved after
 * it, never dropped (open-webui lost edits because a pending save was cancelled). Pending saves are
 * written when the application stops.
 */
@ApplicationScoped
public class ContentSaves {

  private static final Logger LOG = Logger.getLogger(ContentSaves.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ScheduledExecutorService scheduler;

  @Inject NoteDocuments documents;

  @Inject
  @ConfigProperty(name = "lockstep.notes.content-save-delay-ms", defaultValue = "1000")
  long delayMillis;

  private record Pending(String content, long offeredAtNanos) {}

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, Boolean> scheduled = new ConcurrentHashMap<>();

  public void offer(String noteId, String content) {
    pending.put(noteId, new Pending(content, System.nanoTime()));
    if (scheduled.putIfAbsent(noteId, Boolean.TRUE) == null) {
      schedule(noteId, delayMillis);
    }
  }

  /** Whether a save of the note waits (for tests and diagnostics). */
  public boolean isPending(String noteId) {
    return pending.containsKey(noteId);
  }

  private void schedule(String noteId, long millis) {
    scheduler.schedule(() -> saveIfQuiet(noteId), millis, TimeUnit.MILLISECONDS);
  }

  private void saveIfQuiet(String noteId) {
    Pending latest = pending.get(noteId);
    if (latest == null) {
      scheduled.remove(noteId);
      rescheduleIfOffered(noteId);
      return;
    }
    long quietMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - latest.offeredAtNanos());
    if (quietMillis < delayMillis) {
      schedule(noteId, delayMillis - quietMillis);
      return;
    }
    save(noteId, latest);
    scheduled.remove(noteId);
    rescheduleIfOffered(noteId);
  }

  /** Content that arrived between the save and the end of this run gets its own run. */
  private void rescheduleIfOffered(String noteId) {
    if (pending.containsKey(noteId) && scheduled.putIfAbsent(noteId, Boolean.TRUE) == null) {
      schedule(noteId, delayMillis);
    }
  }

  private void save(String noteId, Pending latest) {
    try {
      documents.saveContent(noteId, latest.content());
    } catch (Exception e) { // on WildFly a failed commit is the checked RollbackException
      LOG.log(Level.WARNING, e, () -> "Could not save the content of note " + noteId);
      return; // kept pending: the next offer or the shutdown flush tries again
    }
    pending.remove(noteId, latest); // only if no newer content arrived meanwhile
  }

  @PreDestroy
  void flush() {
    pending.forEach(this::save);
  }
}
