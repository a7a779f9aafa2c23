package io.lockstep.sessions.control;

import io.lockstep.metrics.control.Meters;
import io.lockstep.realtime.control.RealtimeSettings;
import io.lockstep.realtime.control.RoomFanout;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The prompts this node is answering, one thread each (from the container's managed thread
 * factory), and the ticker that stores their streaming text every {@code
 * lockstep.agent.persist-interval-ms}.
 */
@ApplicationScoped
public class PromptRuns {

  private static final Logger LOG = Logger.getLogger(PromptRuns.class.getName());

  @Resource ManagedThreadFactory threads;
  @Inject Meters meters;
  @Inject AgentSessions sessions;
  @Inject Agents agents;
  @Inject RoomFanout fanout;

  @Inject
  @ConfigProperty(name = "lockstep.agent.persist-interval-ms", defaultValue = "1000")
  long persistIntervalMillis;

  @Inject
  @ConfigProperty(name = "lockstep.agent.max-event-chars", defaultValue = "100000")
  int maxEventChars;

  @Inject RealtimeSettings realtime;

  private final Map<String, AgentRun> running = new ConcurrentHashMap<>();
  private ExecutorService runners;
  private ScheduledExecutorService ticker;

  @PostConstruct
  void start() {
    runners = Executors.newCachedThreadPool(threads);
    ticker = Executors.newSingleThreadScheduledExecutor(threads);
    ticker.scheduleWithFixedDelay(
        this::persistAll, persistIntervalMillis, persistIntervalMillis, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    running.values().forEach(AgentRun::cancel);
    ticker.shutdownNow();
    runners.shutdown();
  }

  /** Starts answering an accepted prompt on this node. */
  public void start(AcceptedPrompt prompt) {
    Agent agent =
        agents.forAdapter(prompt.adapter()).orElseGet(() -> new MissingAgent(prompt.adapter()));
    var run = new AgentRun(prompt, agent, sessions, fanout, eventChars());
    running.put(prompt.sessionId(), run);
    runners.execute(
        () -> {
          try {
            run.run();
          } finally {
            running.remove(prompt.sessionId(), run);
          }
        });
  }

  /** Cancels the prompt running in the session on this node; false if there is none here. */
  public boolean cancel(String sessionId) {
    AgentRun run = running.get(sessionId);
    if (run == null) {
      return false;
    }
    run.cancel();
    return true;
  }

  public int count() {
    return running.size();
  }

  void registerGauge(@Observes @Initialized(ApplicationScoped.class) Object started) {
    meters.gauge("lockstep.prompts.running", "Agent prompts running on this node", this::count);
  }

  /**
   * Runs {@code action} so that no chunk of the session's live stream goes out meanwhile, and hands
   * it the streaming event's buffer (peek), if a prompt streams on this node.
   */
  public <T> T underStreamLock(String sessionId, Function<Optional<StreamingText>, T> action) {
    AgentRun run = running.get(sessionId);
    if (run == null) {
      return action.apply(Optional.empty());
    }
    synchronized (run.streamLock()) {
      return action.apply(run.peek());
    }
  }

  private void persistAll() {
    for (AgentRun run : running.values()) {
      try {
        run.persistPartial();
      } catch (Exception e) { // on WildFly a failed commit is the checked RollbackException
        LOG.log(Level.WARNING, "Could not store the streaming text of a prompt", e);
      }
    }
  }

  /** Stands in for an adapter this deployment does not have: the prompt fails with a reason. */
  private record MissingAgent(String adapter) implements Agent {
    @Override
    public void answer(AgentRequest request, AgentSink sink) throws AgentException {
      throw new AgentException("no agent adapter '" + adapter + "' is configured");
    }
  }

  /**
   * The longest text of one streamed event. Longer answers continue in a new event of the same
   * type, so every stored event fits a frame even when each character escapes to six bytes.
   */
  int eventChars() {
    return Math.max(1, Math.min(maxEventChars, (realtime.maxFrameBytes() - 2048) / 6));
  }
}
