package io.lockstep.realtime.control;

import static io.lockstep.realtime.control.FrameRateLimiter.Verdict.ACCEPT;
import static io.lockstep.realtime.control.FrameRateLimiter.Verdict.REFUSE_AND_TELL;
import static io.lockstep.realtime.control.FrameRateLimiter.Verdict.REFUSE_SILENTLY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrameRateLimiterTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void acceptsABurstUpToTheRateThenRefusesAndTellsOnce() {
    var limiter = new FrameRateLimiter(10, 0);
    for (int i = 0; i < 10; i++) {
      assertEquals(ACCEPT, limiter.admit(0));
    }
    assertEquals(REFUSE_AND_TELL, limiter.admit(0));
    assertEquals(REFUSE_SILENTLY, limiter.admit(1));
    assertEquals(REFUSE_SILENTLY, limiter.admit(SECOND / 20));
  }

  @Test
  void refillsAtTheRateSoASteadySenderIsNeverRefused() {
    var limiter = new FrameRateLimiter(10, 0);
    for (int i = 1; i <= 1000; i++) {
      assertEquals(ACCEPT, limiter.admit(i * SECOND / 10), "frame " + i);
    }
  }

  @Test
  void tellsAgainAtMostOncePerSecondOfRefusals() {
    var limiter = new FrameRateLimiter(1, 0);
    assertEquals(ACCEPT, limiter.admit(0));
    assertEquals(REFUSE_AND_TELL, limiter.admit(0));
    assertEquals(REFUSE_SILENTLY, limiter.admit(SECOND / 2));
    assertEquals(ACCEPT, limiter.admit(SECOND + SECOND / 2));
    assertEquals(REFUSE_AND_TELL, limiter.admit(SECOND + SECOND / 2));
  }

  @Test
  void anIdleConnectionDoesNotSaveUpMoreThanOneSecondOfFrames() {
    var limiter = new FrameRateLimiter(5, 0);
    long later = 3600 * SECOND;
    for (int i = 0; i < 5; i++) {
      assertEquals(ACCEPT, limiter.admit(later));
    }
    assertEquals(REFUSE_AND_TELL, limiter.admit(later));
  }
}
