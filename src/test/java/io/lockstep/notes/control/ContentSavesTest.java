package io.lockstep.notes.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The trailing debounce of rendered content: the latest always wins, nothing is dropped. */
class ContentSavesTest {

  private final List<String> saved = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService scheduler;
  private ContentSaves saves;
  private volatile CountDownLatch saving;
  private volatile CountDownLatch release;

  @BeforeEach
  void setUp() {
    scheduler = Executors.newScheduledThreadPool(2);
    saves = new ContentSaves();
    saves.scheduler = scheduler;
    saves.delayMillis = 50;
    saves.documents =
        new NoteDocuments() {
          @Override
          public void saveContent(String noteId, String content) {
            CountDownLatch entered = saving;
            if (entered != null) {
              entered.countDown();
              awaitQuietly(release);
            }
            saved.add(noteId + "=" + content);
          }
        };
  }

  @AfterEach
  void tearDown() {
    scheduler.shutdownNow();
  }

  @Test
  void aBurstOfContentSavesOnlyTheLatestOnce() {
    for (int i = 0; i <= 20; i++) {
      saves.offer("n1", "v" + i);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> !saves.isPending("n1"));
    assertEquals(List.of("n1=v20"), saved);
  }

  @Test
  void contentThatArrivesDuringASaveIsSavedAfterIt() throws Exception {
    saving = new CountDownLatch(1);
    release = new CountDownLatch(1);
    saves.offer("n2", "first");
    assertEquals(true, saving.await(5, TimeUnit.SECONDS), "the first save started");
    saving = null;
    saves.offer("n2", "second"); // while the first is being written
    release.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> saved.size() == 2);
    assertEquals(List.of("n2=first", "n2=second"), saved);
    await().atMost(Duration.ofSeconds(5)).until(() -> !saves.isPending("n2"));
  }

  @Test
  void pendingContentIsWrittenWhenTheApplicationStops() {
    saves.delayMillis = 60_000;
    saves.offer("n3", "unsaved");
    saves.flush();
    assertEquals(List.of("n3=unsaved"), saved);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
