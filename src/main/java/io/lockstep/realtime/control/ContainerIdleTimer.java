package io.lockstep.realtime.control;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tyrus, the WebSocket implementation of Payara, restarts a session's idle timer on every message
 * sent and received, even with the timeout off: it schedules a task that then does nothing on the
 * container's managed scheduled executor, and Payara captures the thread context for each such task
 * with a class path scan (ServiceLoader). Lockstep keeps liveness itself ({@link LivenessSweep})
 * and turns the container's timeout off, so that task is pure cost, and the profiles show it as the
 * largest part of the CPU spent per frame (performance.md). For a Tyrus session this replaces the
 * session's executor with one that drops that idle task when it is due at once (the timeout is off)
 * and hands everything else to the container's executor. On another container (WildFly's Undertow)
 * or a Tyrus whose session looks different it changes nothing, and says so once.
 */
public final class ContainerIdleTimer {

  private static final Logger LOG = Logger.getLogger(ContainerIdleTimer.class.getName());
  private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";
  private static final String IDLE_TASK = TYRUS_SESSION + "$IdleTimeoutCommand";
  private static final Predicate<Runnable> IS_IDLE_TASK =
      task -> task.getClass().getName().equals(IDLE_TASK);

  private static final AtomicBoolean REPORTED = new AtomicBoolean();
  private static final Map<ScheduledExecutorService, SkippingExecutor> WRAPPERS =
      new ConcurrentHashMap<>();
  private static volatile Field executorField;

  private ContainerIdleTimer() {}

  /** Call after {@code session.setMaxIdleTimeout(0)}, in {@code @OnOpen}. */
  public static void skipWhileOff(Session session) {
    try {
      Field field = executorField(session.getClass());
      if (field == null) {
        report(Level.INFO, "not a Tyrus session (" + session.getClass().getName() + "): unchanged");
        return;
      }
      ScheduledExecutorService container = (ScheduledExecutorService) field.get(session);
      if (container == null || container instanceof SkippingExecutor) {
        return;
      }
      field.set(session, WRAPPERS.computeIfAbsent(container, SkippingExecutor::forTyrus));
      report(Level.INFO, "Tyrus idle tasks due at once are skipped (the timeout is off)");
    } catch (ReflectiveOperationException | RuntimeException e) {
      report(Level.WARNING, "could not change the Tyrus session's idle timer: " + e);
    }
  }

  private static Field executorField(Class<?> type) throws NoSuchFieldException {
    Field known = executorField;
    if (known != null && known.getDeclaringClass().isAssignableFrom(type)) {
      return known;
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(TYRUS_SESSION)) {
        Field field = c.getDeclaredField("service");
        if (!ScheduledExecutorService.class.isAssignableFrom(field.getType())) {
          throw new NoSuchFieldException("service is a " + field.getType().getName());
        }
        field.setAccessible(true);
        executorField = field;
        return field;
      }
    }
    return null;
  }

  private static void report(Level level, String message) {
    if (REPORTED.compareAndSet(false, true)) {
      LOG.log(level, "WebSocket container idle timer: {0}", message);
    }
  }

  /**
   * Drops the tasks {@code skippable} accepts when they are due at once, with a future that is
   * already done; runs everything else on the delegate.
   */
  static final class SkippingExecutor extends AbstractExecutorService
      implements ScheduledExecutorService {

    private final ScheduledExecutorService delegate;
    private final Predicate<Runnable> skippable;

    SkippingExecutor(ScheduledExecutorService delegate, Predicate<Runnable> skippable) {
      this.delegate = delegate;
      this.skippable = skippable;
    }

    static SkippingExecutor forTyrus(ScheduledExecutorService container) {
      return new SkippingExecutor(container, IS_IDLE_TASK);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      if (delay <= 0 && skippable.test(command)) {
        return Done.INSTANCE;
      }
      return delegate.schedule(command, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
      return delegate.schedule(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(
        Runnable command, long initialDelay, long period, TimeUnit unit) {
      return delegate.scheduleAtFixedRate(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(
        Runnable command, long initialDelay, long delay, TimeUnit unit) {
      return delegate.scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
      delegate.execute(command);
    }

    @Override
    public void shutdown() {
      delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
      return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return delegate.awaitTermination(timeout, unit);
    }
  }

  /** The future of a skipped task: done, never cancelled, no result. */
  static final class Done implements ScheduledFuture<Object> {

    static final Done INSTANCE = new Done();

    private Done() {}

    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return false;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean isDone() {
      return true;
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }
  }
}
