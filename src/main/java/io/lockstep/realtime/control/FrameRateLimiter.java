package io.lockstep.realtime.control;

/**
 * A token bucket per connection: up to {@code perSecond} frames a second on average, with bursts of
 * as many. Tells the caller once per second of refusals, so that a flood is not answered with a
 * flood of errors.
 */
final class FrameRateLimiter {

  enum Verdict {
    ACCEPT,
    REFUSE_AND_TELL,
    REFUSE_SILENTLY
  }

  private final int perSecond;
  private double tokens;
  private long refilledAtNanos;
  private long toldAtNanos = Long.MIN_VALUE;

  FrameRateLimiter(int perSecond, long nowNanos) {
    this.perSecond = perSecond;
    this.tokens = perSecond;
    this.refilledAtNanos = nowNanos;
  }

  synchronized Verdict admit(long nowNanos) {
    double elapsedSeconds = (nowNanos - refilledAtNanos) / 1e9;
    tokens = Math.min(perSecond, tokens + elapsedSeconds * perSecond);
    refilledAtNanos = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return Verdict.ACCEPT;
    }
    if (toldAtNanos == Long.MIN_VALUE || nowNanos - toldAtNanos >= 1_000_000_000L) {
      toldAtNanos = nowNanos;
      return Verdict.REFUSE_AND_TELL;
    }
    return Verdict.REFUSE_SILENTLY;
  }
}
