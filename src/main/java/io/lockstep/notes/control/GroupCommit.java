package io.lockstep.notes.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Commits what callers hand in at the same time together (group commit): one caller at a time
 * commits, and everything that arrived while it did goes into the next commit as one batch, in
 * arrival order. A lone caller commits its item alone and at once; under load, one transaction
 * carries many items, so its fixed cost (begin, locks, the database's commit) is paid once per
 * batch. Whichever caller gets the lock next commits the waiting batch, its own item among them or
 * not; each caller returns once its own item is committed.
 *
 * <p>{@code commitAll} gets the items and answers one result per item, in the same order; if it
 * throws, every item of that batch fails with what it threw.
 */
final class GroupCommit<T, R> {

  private final Function<List<T>, List<R>> commitAll;
  private final int maxBatch;
  private final Queue<Entry<T, R>> waiting = new ConcurrentLinkedQueue<>();
  private final ReentrantLock committing = new ReentrantLock();

  GroupCommit(Function<List<T>, List<R>> commitAll, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("a batch holds at least one item");
    }
    this.commitAll = commitAll;
    this.maxBatch = maxBatch;
  }

  /** Commits the item, most likely together with others, and answers its result. */
  R submit(T item) {
    Entry<T, R> entry = new Entry<>(item);
    waiting.add(entry);
    committing.lock();
    try {
      while (!entry.done) {
        commit(nextBatch());
      }
    } finally {
      committing.unlock();
    }
    return entry.result();
  }

  /** How many items wait for a commit (for tests and diagnostics). */
  int waiting() {
    return waiting.size();
  }

  private List<Entry<T, R>> nextBatch() {
    List<Entry<T, R>> batch = new ArrayList<>();
    Entry<T, R> next;
    while (batch.size() < maxBatch && (next = waiting.poll()) != null) {
      batch.add(next);
    }
    return batch;
  }

  private void commit(List<Entry<T, R>> batch) {
    List<R> results;
    try {
      results = commitAll.apply(batch.stream().map(entry -> entry.item).toList());
      if (results.size() != batch.size()) {
        throw new IllegalStateException(
            results.size() + " results for a batch of " + batch.size() + " items");
      }
    } catch (Throwable failure) { // every caller of the batch hears of it, not only this one
      batch.forEach(entry -> entry.fail(failure));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).succeed(results.get(i));
    }
  }

  /** An item and its outcome; written by the committing caller, read after the lock passed on. */
  private static final class Entry<T, R> {
    final T item;
    boolean done;
    R result;
    Throwable failure;

    Entry(T item) {
      this.item = item;
    }

    void succeed(R result) {
      this.result = result;
      done = true;
    }

    void fail(Throwable failure) {
      this.failure = failure;
      done = true;
    }

    R result() {
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      if (failure != null) { // a checked exception, thrown through a proxy (WildFly's commit)
        throw new IllegalStateException(failure.getMessage(), failure);
      }
      return result;
    }
  }
}
