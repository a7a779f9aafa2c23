package io.lockstep.sessions;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server that speaks OpenAI's streaming {@code /v1/chat/completions}: genuine
 * server-sent events over chunked HTTP. What it does depends on the last user message: {@code
 * stream} answers with reasoning, text and a tool call; {@code break} ends the stream half-way;
 * {@code stall} sends one chunk and then nothing; {@code reject} answers 401.
 */
final class ModelServerStub implements AutoCloseable {

  /** A request the stub received: its body and Authorization header. */
  record Received(JsonObject body, String authorization) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<Received> received = new CopyOnWriteArrayList<>();

  ModelServerStub(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
    server.setExecutor(threads);
    server.createContext("/v1/chat/completions", this::complete);
    server.start();
  }

  List<Received> received() {
    return received;
  }

  private void complete(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonObject body;
      try (var reader =
          Json.createReader(
              new StringReader(
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))) {
        body = reader.readObject();
      }
      received.add(new Received(body, exchange.getRequestHeaders().getFirst("Authorization")));
      JsonArray messages = body.getJsonArray("messages");
      String last = messages.getJsonObject(messages.size() - 1).getString("content");
      if (last.contains("reject")) {
        byte[] error =
            "{\"error\":{\"message\":\"Incorrect API key provided\"}}"
                .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(401, error.length);
        exchange.getResponseBody().write(error);
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      event(out, delta(Json.createObjectBuilder().add("role", "assistant").build()));
      if (last.contains("break")) {
        event(out, delta(content("Partial")));
        event(out, delta(content(" answer")));
        return; // the connection ends without a finish reason or [DONE]
      }
      if (last.contains("stall")) {
        event(out, delta(content("Waiting")));
        release.await(30, TimeUnit.SECONDS);
        return;
      }
      event(out, delta(Json.createObjectBuilder().add("reasoning_content", "Let me ").build()));
      event(out, delta(Json.createObjectBuilder().add("reasoning_content", "think.").build()));
      out.write(": a comment line the client must ignore\n\n".getBytes(StandardCharsets.UTF_8));
      for (String piece : List.of("Hello", " from", " the model")) {
        event(out, delta(content(piece)));
      }
      event(out, delta(toolCall("call_1", "lookup", "{\"q\":")));
      event(out, delta(toolCall(null, null, "\"weather\"}")));
      event(
          out,
          Json.createObjectBuilder()
              .add(
                  "choices",
                  Json.createArrayBuilder()
                      .add(
                          Json.createObjectBuilder()
                              .add("index", 0)
                              .add("delta", Json.createObjectBuilder())
                              .add("finish_reason", "stop")))
              .build()
              .toString());
      event(out, "[DONE]");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static JsonObject content(String text) {
    return Json.createObjectBuilder().add("content", text).build();
  }

  private static JsonObject toolCall(String id, String name, String arguments) {
    var function = Json.createObjectBuilder().add("arguments", arguments);
    if (name != null) {
      function.add("name", name);
    }
    var call = Json.createObjectBuilder().add("index", 0).add("function", function);
    if (id != null) {
      call.add("id", id).add("type", "function");
    }
    return Json.createObjectBuilder()
        .add("tool_calls", Json.createArrayBuilder().add(call))
        .build();
  }

  private static String delta(JsonObject delta) {
    return Json.createObjectBuilder()
        .add("id", "chatcmpl-stub")
        .add("object", "chat.completion.chunk")
        .add(
            "choices",
            Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("index", 0).add("delta", delta)))
        .build()
        .toString();
  }

  private static void event(OutputStream out, String data) throws IOException {
    out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
