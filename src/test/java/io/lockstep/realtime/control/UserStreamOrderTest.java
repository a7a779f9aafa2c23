package io.lockstep.realtime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.realtime.control.UserStreamOrder.State;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class UserStreamOrderTest {

  private final UserStreamOrder order = new UserStreamOrder(5);

  @Test
  void eventsInOrderGoOutAtOnce() {
    order.start(10);
    assertEquals(List.of("e11"), order.offer(11, "e11").ready());
    assertEquals(List.of("e12"), order.offer(12, "e12").ready());
    assertEquals(12, order.delivered());
  }

  @Test
  void anEventBeforeTheStartOrSentBeforeIsDropped() {
    order.start(10);
    assertEquals(List.of(), order.offer(10, "old").ready());
    order.offer(11, "e11");
    assertEquals(List.of(), order.offer(11, "again").ready());
  }

  @Test
  void anEarlyEventWaitsForTheOneBeforeItAndAsksForOneRepair() {
    order.start(10);
    var early = order.offer(12, "e12");
    assertEquals(List.of(), early.ready());
    assertEquals(State.GAP_OPENED, early.state());
    assertEquals(12, order.firstWaiting());
    assertEquals(State.GAP_PENDING, order.offer(13, "e13").state());
    var late = order.offer(11, "e11");
    assertEquals(List.of("e11", "e12", "e13"), late.ready());
    assertEquals(State.IN_ORDER, late.state());
    assertEquals(-1, order.firstWaiting());
  }

  @Test
  void eventsBeforeTheWelcomeWaitAndThoseAfterItGoOutInOrder() {
    assertEquals(State.IN_ORDER, order.offer(12, "e12").state());
    order.offer(9, "e9");
    order.offer(11, "e11");
    var started = order.start(10);
    assertEquals(List.of("e11", "e12"), started.ready());
    assertEquals(State.IN_ORDER, started.state());
  }

  @Test
  void aRepairThatLeavesAGapIsAskedAgain() {
    order.start(10);
    order.offer(13, "e13");
    order.offer(11, "e11"); // from the store: 12 is still missing
    assertTrue(order.repairDone());
    assertEquals(State.GAP_PENDING, order.offer(14, "e14").state());
    order.offer(12, "e12");
    assertFalse(order.repairDone());
    assertEquals(14, order.delivered());
  }

  @Test
  void tooManyEventsBehindAGapOverflow() {
    order.start(0);
    for (long seq = 2; seq <= 6; seq++) {
      order.offer(seq, "e" + seq);
    }
    assertEquals(State.OVERFLOW, order.offer(7, "e7").state());
  }

  @Test
  void anyArrivalOrderWithDuplicatesSendsEachEventOnceInOrder() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      UserStreamOrder unbounded = new UserStreamOrder(1_000);
      long start = random.nextInt(5);
      List<Long> arrivals = new ArrayList<>();
      LongStream.rangeClosed(1, 40).forEach(arrivals::add);
      for (int i = 0; i < 20; i++) {
        arrivals.add(1 + (long) random.nextInt(40)); // the same event live and from the store
      }
      Collections.shuffle(arrivals, random);
      int startAt = random.nextInt(arrivals.size());
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < arrivals.size(); i++) {
        if (i == startAt) {
          sent.addAll(unbounded.start(start).ready());
        }
        long seq = arrivals.get(i);
        sent.addAll(unbounded.offer(seq, "e" + seq).ready());
      }
      List<String> expected =
          LongStream.rangeClosed(start + 1, 40).mapToObj(seq -> "e" + seq).toList();
      assertEquals(expected, sent, "round " + round);
    }
  }
}
