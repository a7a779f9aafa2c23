package io.lockstep.realtime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.realtime.control.ContainerIdleTimer.SkippingExecutor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContainerIdleTimerTest {

  private final ScheduledExecutorService container = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger idleTasksRun = new AtomicInteger();

  private final class IdleTask implements Runnable {
    @Override
    public void run() {
      idleTasksRun.incrementAndGet();
    }
  }

  private final SkippingExecutor executor =
      new SkippingExecutor(container, task -> task instanceof IdleTask);

  @AfterEach
  void stop() {
    container.shutdownNow();
  }

  @Test
  void anIdleTaskDueAtOnceIsSkippedWithAFutureThatIsDone() {
    var future = executor.schedule(new IdleTask(), 0, TimeUnit.MILLISECONDS);
    assertSame(ContainerIdleTimer.Done.INSTANCE, future);
    assertTrue(future.isDone());
    executor.schedule(new IdleTask(), -1, TimeUnit.MILLISECONDS);
    assertEquals(0, idleTasksRun.get());
  }

  @Test
  void anIdleTaskWithATimeoutStillRunsOnTheContainer() throws Exception {
    executor.schedule(new IdleTask(), 5, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
    assertEquals(1, idleTasksRun.get());
  }

  @Test
  void otherTasksRunOnTheContainerEvenWhenDueAtOnce() throws Exception {
    CountDownLatch ran = new CountDownLatch(3);
    executor.schedule(ran::countDown, 0, TimeUnit.MILLISECONDS);
    executor.execute(ran::countDown);
    executor.submit(ran::countDown);
    assertTrue(ran.await(5, TimeUnit.SECONDS));
    var heartbeat = executor.scheduleAtFixedRate(() -> {}, 0, 10, TimeUnit.MILLISECONDS);
    heartbeat.cancel(false);
    assertTrue(heartbeat.isCancelled());
  }
}
