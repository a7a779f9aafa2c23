package io.lockstep.notes.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit: what arrives during a commit goes into the next one, each caller gets its own. */
class GroupCommitTest {

  private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstCommitMayEnd = new CountDownLatch(1);
  private final ExecutorService callers = Executors.newFixedThreadPool(8);

  @AfterEach
  void stopCallers() {
    callers.shutdownNow();
  }

  /** Records each batch; the first commit waits for the test to let it end. */
  private List<String> commit(List<Integer> batch) {
    batches.add(List.copyOf(batch));
    if (batches.size() == 1) {
      try {
        if (!firstCommitMayEnd.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never let the first commit end");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return batch.stream().map(item -> "stored " + item).toList();
  }

  private List<Future<String>> submitWhileTheFirstCommits(
      GroupCommit<Integer, String> group, int more) {
    List<Future<String>> results = new ArrayList<>();
    results.add(callers.submit(() -> group.submit(0)));
    await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 1);
    for (int i = 1; i <= more; i++) {
      int item = i;
      results.add(callers.submit(() -> group.submit(item)));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> group.waiting() == more);
    firstCommitMayEnd.countDown();
    return results;
  }

  @Test
  void aLoneItemIsCommittedAloneAndAtOnce() {
    firstCommitMayEnd.countDown();
    var group = new GroupCommit<Integer, String>(this::commit, 100);

    assertEquals("stored 7", group.submit(7));
    assertEquals(List.of(List.of(7)), batches);
  }

  @Test
  void itemsArrivingDuringACommitGoTogetherIntoTheNextAndEachCallerGetsItsOwnResult()
      throws Exception {
    var group = new GroupCommit<Integer, String>(this::commit, 100);

    List<Future<String>> results = submitWhileTheFirstCommits(group, 5);

    for (int i = 0; i < results.size(); i++) {
      assertEquals("stored " + i, results.get(i).get(10, TimeUnit.SECONDS));
    }
    assertEquals(2, batches.size(), "one commit for the five that waited: " + batches);
    assertEquals(Set.of(1, 2, 3, 4, 5), new HashSet<>(batches.get(1)));
  }

  @Test
  void aBatchHoldsAtMostTheLimit() throws Exception {
    var group = new GroupCommit<Integer, String>(this::commit, 2);

    List<Future<String>> results = submitWhileTheFirstCommits(group, 5);

    for (int i = 0; i < results.size(); i++) {
      assertEquals("stored " + i, results.get(i).get(10, TimeUnit.SECONDS));
    }
    assertEquals(List.of(1, 2, 2, 1), batches.stream().map(List::size).toList(), "" + batches);
  }

  @Test
  void aFailedCommitFailsEveryItemOfItsBatchAndTheNextCommitGoesOn() throws Exception {
    var failure = new IllegalStateException("database away");
    Function<List<Integer>, List<String>> failsOnce =
        batch -> {
          List<String> stored = commit(batch);
          if (batches.size() == 2) {
            throw failure;
          }
          return stored;
        };
    var group = new GroupCommit<Integer, String>(failsOnce, 100);

    List<Future<String>> results = submitWhileTheFirstCommits(group, 3);

    assertEquals("stored 0", results.get(0).get(10, TimeUnit.SECONDS));
    for (Future<String> result : results.subList(1, 4)) {
      var thrown = assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
      assertSame(failure, thrown.getCause());
    }
    assertEquals("stored 9", group.submit(9));
  }

  @Test
  void aCommitAnsweringTheWrongNumberOfResultsFailsItsBatchInsteadOfLeavingCallersWaiting() {
    var group = new GroupCommit<Integer, String>(batch -> List.of(), 100);

    var thrown = assertThrows(IllegalStateException.class, () -> group.submit(1));
    assertTrue(thrown.getMessage().contains("0 results for a batch of 1"), thrown.getMessage());
  }

  @Test
  void aCheckedExceptionThrownThroughAProxyReachesTheCallerWrapped() {
    var rollback = new Exception("ARJUNA016053: Could not commit transaction.");
    var group = new GroupCommit<Integer, String>(batch -> sneakyThrow(rollback), 100);

    var thrown = assertThrows(IllegalStateException.class, () -> group.submit(1));
    assertSame(rollback, thrown.getCause());
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> List<String> sneakyThrow(Throwable checked) throws E {
    throw (E) checked;
  }
}
