package io.lockstep.metrics.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * This node's metrics, in one Micrometer registry that {@code /metrics} renders in Prometheus'
 * format. Micrometer is bundled rather than MicroProfile Metrics used because WildFly has no
 * MicroProfile Metrics API: the same meters and the same endpoint serve on Payara and WildFly.
 * Every figure is this node's; Prometheus' {@code instance} label tells the nodes apart.
 */
@ApplicationScoped
public class Meters {

  private static final String UNKNOWN = "unknown";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Counter> framesIn = new ConcurrentHashMap<>();
  private final Map<String, Counter> framesOut = new ConcurrentHashMap<>();
  private final Map<String, Counter> errors = new ConcurrentHashMap<>();
  private final Map<String, Counter> eventsAppended = new ConcurrentHashMap<>();
  private final Counter slowConsumers =
      Counter.builder("lockstep.slow.consumer.disconnects")
          .description("Connections closed because they read too slowly (close code 4001)")
          .register(registry);
  private final Counter replayRequests =
      Counter.builder("lockstep.replay.requests")
          .description("load_events and user:sync requests")
          .register(registry);
  private final Counter eventsReplayed =
      Counter.builder("lockstep.events.replayed")
          .description("Stored events sent in answer to replay requests")
          .register(registry);
  private final Counter documentUpdates =
      Counter.builder("lockstep.document.updates")
          .description("Yjs document updates stored")
          .register(registry);
  private final Counter compactions =
      Counter.builder("lockstep.document.compactions")
          .description("Yjs documents compacted into a snapshot")
          .register(registry);
  private final Timer deliveryLatency =
      Timer.builder("lockstep.delivery.latency")
          .description(
              "From a room frame's publication (on any node) to its hand-over to this node's"
                  + " connections")
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofNanos(50_000))
          .maximumExpectedValue(Duration.ofSeconds(10))
          .register(registry);

  /** A gauge read at each scrape; tags alternate name and value. */
  public void gauge(String name, String description, Supplier<Number> value, String... tags) {
    Gauge.builder(name, value).description(description).tags(tags).register(registry);
  }

  public void frameIn(String type) {
    count(framesIn, "lockstep.frames.in", "Frames received on /ws, by type", "type", type);
  }

  /** A frame handed to a connection; its type is read from the frame's start. */
  public void frameOut(String frame) {
    count(framesOut, "lockstep.frames.out", "Frames sent on /ws, by type", "type", typeOf(frame));
  }

  public void error(String code) {
    count(errors, "lockstep.errors", "Error frames sent, by code", "code", code);
  }

  public void slowConsumerDisconnected() {
    slowConsumers.increment();
  }

  /** Events appended to a stored stream: {@code stream} is session or user. */
  public void eventAppended(String stream) {
    count(eventsAppended, "lockstep.events.appended", "Events stored, by stream", "stream", stream);
  }

  public void replayed(int events) {
    replayRequests.increment();
    eventsReplayed.increment(events);
  }

  public void documentUpdated() {
    documentUpdates.increment();
  }

  public void documentCompacted() {
    compactions.increment();
  }

  public void delivered(long latencyMicros) {
    deliveryLatency.record(Math.max(0, latencyMicros), TimeUnit.MICROSECONDS);
  }

  /** The registry in Prometheus' text format. */
  public String scrape() {
    return registry.scrape();
  }

  private void count(
      Map<String, Counter> counters, String name, String description, String tag, String value) {
    String key = value == null ? UNKNOWN : value;
    counters
        .computeIfAbsent(
            key, v -> Counter.builder(name).description(description).tag(tag, v).register(registry))
        .increment();
  }

  /** The type of a frame as Lockstep writes them: {@code {"type":"…",…}}. */
  static String typeOf(String frame) {
    String start = "{\"type\":\"";
    if (!frame.startsWith(start)) {
      return UNKNOWN;
    }
    int end = frame.indexOf('"', start.length());
    return end < 0 ? UNKNOWN : frame.substring(start.length(), end);
  }
}
