package io.lockstep.sessions.control;

import io.lockstep.system.control.JsonMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Any OpenAI-compatible {@code /chat/completions} endpoint with {@code stream: true} (Ollama, vLLM,
 * LM Studio, OpenAI, Azure OpenAI). {@code delta.content} becomes {@code agent_message}, {@code
 * delta.reasoning_content} (or {@code reasoning}) {@code agent_thought}, and {@code
 * delta.tool_calls} {@code tool_call} events. A stream that ends without {@code [DONE]} or a finish
 * reason, an error status, or no data for {@code idle-timeout-seconds} fails the prompt with a
 * reason; what streamed before is kept.
 */
@ApplicationScoped
public class OpenAiAgent implements Agent {

  private static final Object END = new Object();
  private static final long POLL_MILLIS = 100;

  @Inject
  @ConfigProperty(name = "lockstep.agent.openai.base-url")
  Optional<String> baseUrl;

  @Inject
  @ConfigProperty(name = "lockstep.agent.openai.path", defaultValue = "/chat/completions")
  String path;

  @Inject
  @ConfigProperty(name = "lockstep.agent.openai.api-key")
  Optional<String> apiKey;

  @Inject
  @ConfigProperty(name = "lockstep.agent.openai.api-key-header", defaultValue = "Authorization")
  String apiKeyHeader;

  @Inject
  @ConfigProperty(name = "lockstep.agent.openai.connect-timeout-seconds", defaultValue = "10")
  int connectTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "lockstep.agent.openai.idle-timeout-seconds", defaultValue = "60")
  int idleTimeoutSeconds;

  private volatile HttpClient client;

  @Override
  public String adapter() {
    return "openai";
  }

  @Override
  public void answer(AgentRequest request, AgentSink sink) throws AgentException {
    URI endpoint = endpoint();
    var lines = new LineQueue();
    var status = new CompletableFuture<Integer>();
    CompletableFuture<HttpResponse<String>> response =
        client()
            .sendAsync(
                httpRequest(endpoint, request),
                info -> {
                  status.complete(info.statusCode());
                  return info.statusCode() == 200
                      ? HttpResponse.BodySubscribers.fromLineSubscriber(
                          lines, any -> "", StandardCharsets.UTF_8, null)
                      : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
                });
    response.whenComplete(
        (done, failure) -> {
          if (failure != null) {
            status.completeExceptionally(failure);
          }
        });
    sink.onCancel(
        () -> {
          response.cancel(true);
          lines.cancel();
        });
    try {
      Integer code = await(status, sink, "the model server did not answer in time");
      if (code == null) {
        return;
      }
      if (code != 200) {
        HttpResponse<String> refusal =
            await(response, sink, "the model server answered " + code + " and then nothing");
        throw new AgentException(
            "the model server answered "
                + code
                + ": "
                + abbreviate(refusal == null ? "" : refusal.body()));
      }
      new SseStream(sink).consume(lines, Duration.ofSeconds(idleTimeoutSeconds));
    } finally {
      lines.cancel();
    }
  }

  /** Waits for the future, polling for cancellation; null if cancelled. */
  private <T> T await(CompletableFuture<T> future, AgentSink sink, String timeoutMessage)
      throws AgentException {
    long deadline =
        System.nanoTime() + TimeUnit.SECONDS.toNanos(connectTimeoutSeconds + idleTimeoutSeconds);
    while (!sink.isCancelled()) {
      try {
        return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        if (System.nanoTime() > deadline) {
          future.cancel(true);
          throw new AgentException(timeoutMessage);
        }
      } catch (java.util.concurrent.ExecutionException e) {
        throw new AgentException(
            "could not reach the model server: " + rootMessage(e.getCause()), e.getCause());
      } catch (java.util.concurrent.CancellationException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  private HttpRequest httpRequest(URI endpoint, AgentRequest request) {
    JsonArrayBuilder messages = JsonMapping.JSON.createArrayBuilder();
    for (AgentRequest.Turn turn : request.history()) {
      messages.add(
          JsonMapping.JSON
              .createObjectBuilder()
              .add("role", turn.role())
              .add("content", turn.text()));
    }
    messages.add(
        JsonMapping.JSON
            .createObjectBuilder()
            .add("role", "user")
            .add("content", request.prompt()));
    String body =
        JsonMapping.JSON
            .createObjectBuilder()
            .add("model", request.model())
            .add("stream", true)
            .add("messages", messages)
            .build()
            .toString();
    var http =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(connectTimeoutSeconds + (long) idleTimeoutSeconds))
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    apiKey
        .filter(key -> !key.isBlank())
        .ifPresent(
            key ->
                http.header(
                    apiKeyHeader,
                    "Authorization".equalsIgnoreCase(apiKeyHeader) ? "Bearer " + key : key));
    return http.build();
  }

  private URI endpoint() throws AgentException {
    String base =
        baseUrl
            .filter(url -> !url.isBlank())
            .orElseThrow(
                () -> new AgentException("lockstep.agent.openai.base-url is not configured"));
    try {
      return URI.create(base.replaceAll("/+$", "") + path);
    } catch (IllegalArgumentException e) {
      throw new AgentException("lockstep.agent.openai.base-url is not a URL: " + base);
    }
  }

  private HttpClient client() {
    HttpClient current = client;
    if (current == null) {
      current =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(connectTimeoutSeconds))
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
      client = current;
    }
    return current;
  }

  /** The server-sent events of one streamed completion, turned into sink calls. */
  static final class SseStream {
    private final AgentSink sink;
    private final StringBuilder data = new StringBuilder();
    private final java.util.Map<Integer, ToolCall> toolCalls = new java.util.TreeMap<>();
    private boolean finished;

    SseStream(AgentSink sink) {
      this.sink = sink;
    }

    void consume(LineQueue lines, Duration idleTimeout) throws AgentException {
      while (!sink.isCancelled()) {
        Object next = lines.next(idleTimeout, sink);
        if (next == null) {
          if (sink.isCancelled()) {
            return;
          }
          throw new AgentException(
              "the model server sent nothing for " + idleTimeout.toSeconds() + " s");
        }
        if (next == END) {
          dispatch();
          if (!finished) {
            throw new AgentException("the model server ended the stream before it was complete");
          }
          return;
        }
        if (next instanceof Throwable failure) {
          dispatch();
          if (finished) {
            return;
          }
          throw new AgentException(
              "the stream from the model server broke: " + rootMessage(failure), failure);
        }
        if (line((String) next)) {
          return;
        }
      }
    }

    /** One line of the event stream; true once the stream says it is done. */
    boolean line(String line) throws AgentException {
      if (line.isEmpty()) {
        return dispatch();
      }
      if (line.startsWith("data:")) {
        if (!data.isEmpty()) {
          data.append('\n');
        }
        data.append(line.substring(5).stripLeading());
      }
      return false; // comments, event names and ids carry nothing for us
    }

    private boolean dispatch() throws AgentException {
      if (data.isEmpty()) {
        return false;
      }
      String payload = data.toString();
      data.setLength(0);
      if ("[DONE]".equals(payload.strip())) {
        flushToolCalls();
        finished = true;
        return true;
      }
      JsonObject chunk;
      try (var reader = JsonMapping.JSON.createReader(new StringReader(payload))) {
        chunk = reader.readObject();
      } catch (JsonException | IllegalStateException e) {
        throw new AgentException("the model server sent an event that is not JSON");
      }
      if (chunk.get("error") instanceof JsonObject error) {
        throw new AgentException(
            "the model server reported an error: " + error.getString("message", error.toString()));
      }
      if (!(chunk.get("choices") instanceof JsonArray choices) || choices.isEmpty()) {
        return false;
      }
      JsonObject choice = choices.getJsonObject(0);
      if (choice.get("delta") instanceof JsonObject delta) {
        text(delta, "reasoning_content")
            .or(() -> text(delta, "reasoning"))
            .ifPresent(sink::thought);
        text(delta, "content").ifPresent(sink::message);
        if (delta.get("tool_calls") instanceof JsonArray calls) {
          collectToolCalls(calls);
        }
      }
      if (choice.get("finish_reason") instanceof JsonString) {
        flushToolCalls();
        finished = true;
      }
      return false;
    }

    private void collectToolCalls(JsonArray calls) {
      for (JsonValue value : calls) {
        if (value instanceof JsonObject call) {
          ToolCall collected =
              toolCalls.computeIfAbsent(
                  call.getInt("index", toolCalls.size()), i -> new ToolCall());
          if (call.get("id") instanceof JsonString id) {
            collected.id = id.getString();
          }
          if (call.get("function") instanceof JsonObject function) {
            text(function, "name").ifPresent(name -> collected.name.append(name));
            text(function, "arguments")
                .ifPresent(arguments -> collected.arguments.append(arguments));
          }
        }
      }
    }

    private void flushToolCalls() {
      for (var entry : toolCalls.entrySet()) {
        ToolCall call = entry.getValue();
        String id = call.id == null ? "call-" + entry.getKey() : call.id;
        sink.toolCall(
            id,
            call.name.toString(),
            JsonMapping.JSON
                .createObjectBuilder()
                .add("arguments", call.arguments.toString())
                .build());
      }
      toolCalls.clear();
    }

    private static Optional<String> text(JsonObject object, String key) {
      return object.get(key) instanceof JsonString text && !text.getString().isEmpty()
          ? Optional.of(text.getString())
          : Optional.empty();
    }

    private static final class ToolCall {
      String id;
      final StringBuilder name = new StringBuilder();
      final StringBuilder arguments = new StringBuilder();
    }
  }

  /** Lines pushed by the HTTP client, taken by the agent's thread with an idle timeout. */
  static final class LineQueue implements Flow.Subscriber<String> {
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (cancelled) {
        subscription.cancel();
      } else {
        subscription.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(String line) {
      queue.add(line);
    }

    @Override
    public void onError(Throwable failure) {
      queue.add(failure);
    }

    @Override
    public void onComplete() {
      queue.add(END);
    }

    void cancel() {
      cancelled = true;
      Flow.Subscription current = subscription;
      if (current != null) {
        current.cancel();
      }
    }

    /** The next line, END or a Throwable; null after the idle timeout or on cancel. */
    Object next(Duration idleTimeout, AgentSink sink) {
      long deadline = System.nanoTime() + idleTimeout.toNanos();
      try {
        while (!sink.isCancelled() && System.nanoTime() < deadline) {
          Object next = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
          if (next != null) {
            return next;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static String abbreviate(String body) {
    String text = body == null ? "" : body.strip();
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
