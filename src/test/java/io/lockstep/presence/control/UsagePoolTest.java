package io.lockstep.presence.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.cluster.control.LocalCluster;
import io.lockstep.presence.entity.ModelUsage;
import io.lockstep.realtime.entity.ConnectionClosed;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UsagePoolTest {

  UsagePool pool;

  @BeforeEach
  void pool() {
    pool = new UsagePool();
    pool.cluster = new LocalCluster();
    pool.init();
  }

  @Test
  void countsConnectionsPerModel() {
    pool.record("llama", "c1", "u1", 1000);
    pool.record("llama", "c2", "u2", 1000);
    pool.record("qwen", "c1", "u1", 1000);
    pool.record("llama", "c1", "u1", 2000);
    assertEquals(List.of(new ModelUsage("llama", 2), new ModelUsage("qwen", 1)), pool.inUse());
  }

  @Test
  void theSweepRemovesOnlyStaleEntries() {
    pool.record("llama", "c1", "u1", 1000);
    pool.record("llama", "c2", "u2", 5000);
    assertEquals(1, pool.removeOlderThan(3000));
    assertEquals(List.of(new ModelUsage("llama", 1)), pool.inUse());
  }

  @Test
  void aClosedConnectionLosesItsEntries() {
    pool.record("llama", "c1", "u1", 1000);
    pool.record("qwen", "c1", "u1", 1000);
    pool.record("qwen", "c2", "u2", 1000);
    pool.forgetConnection(new ConnectionClosed("c1", "u1"));
    assertEquals(List.of(new ModelUsage("qwen", 1)), pool.inUse());
  }

  /**
   * Every node sweeps (Payara does not coordinate timers): sweeps may overlap each other and
   * refreshes.
   */
  @Test
  void concurrentSweepsRemoveEachStaleEntryOnceAndNeverARefreshedOne() throws Exception {
    int entries = 2_000;
    for (int i = 0; i < entries; i++) {
      pool.record("m" + (i % 7), "c" + i, "u", 1000);
    }
    ExecutorService nodes = Executors.newFixedThreadPool(5);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> sweeps =
          List.of(1, 2, 3, 4).stream()
              .map(
                  n ->
                      nodes.submit(
                          () -> {
                            start.await();
                            return pool.removeOlderThan(3000);
                          }))
              .toList();
      Future<?> refresher =
          nodes.submit(
              () -> {
                start.await();
                for (int i = 0; i < entries; i += 2) {
                  pool.record("m" + (i % 7), "c" + i, "u", 9000);
                }
                return null;
              });
      start.countDown();
      refresher.get(30, TimeUnit.SECONDS);
      int removed = 0;
      for (Future<Integer> sweep : sweeps) {
        removed += sweep.get(30, TimeUnit.SECONDS);
      }
      int remaining = pool.inUse().stream().mapToInt(ModelUsage::connections).sum();
      assertEquals(entries / 2, remaining, "exactly the refreshed half survives");
      assertEquals(0, pool.removeOlderThan(3000), "nothing stale is left");
      assertTrue(
          removed >= entries / 2 && removed <= entries,
          "each stale value removed once, by one sweep: " + removed);
    } finally {
      nodes.shutdownNow();
    }
  }
}
