package io.lockstep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) on /ws that collects the frames it receives, in order. */
public final class WsClient implements AutoCloseable {

  public record Closed(int code, String reason) {}

  private static final Duration WAIT = Duration.ofSeconds(15);

  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private WsClient(URI base, String bearerToken) {
    this(base, "ws", bearerToken, HttpClient.newHttpClient());
  }

  private WsClient(URI base, String path, String bearerToken, HttpClient http) {
    var builder = http.newWebSocketBuilder();
    if (bearerToken != null) {
      builder.header("Authorization", "Bearer " + bearerToken);
    }
    socket = builder.buildAsync(base.resolve(path), new Collector()).join();
  }

  public static WsClient connect(URI base) {
    return new WsClient(toWebSocket(base), null);
  }

  /** Connects to another WebSocket path of the application, e.g. {@code ws/yjs/<note>?token=…}. */
  public static WsClient connectTo(URI base, String path) {
    return new WsClient(toWebSocket(base), path, null, HttpClient.newHttpClient());
  }

  /** Connects on a shared HTTP client, without signing in. */
  public static WsClient connect(URI base, HttpClient http) {
    return new WsClient(toWebSocket(base), "ws", null, http);
  }

  public static WsClient connectWithBearer(URI base, String token) {
    return new WsClient(toWebSocket(base), token);
  }

  /** Connects and signs in with {@code user-join}; returns after {@code welcome}. */
  public static WsClient signedIn(URI base, String token) {
    return signedIn(base, token, HttpClient.newHttpClient());
  }

  /** The same, on a shared HTTP client: for tests that open hundreds of connections. */
  public static WsClient signedIn(URI base, String token, HttpClient http) {
    WsClient client = new WsClient(toWebSocket(base), "ws", null, http);
    client.send(
        Json.createObjectBuilder()
            .add("type", "user-join")
            .add("id", "join")
            .add("token", token)
            .build());
    JsonObject welcome = client.next();
    assertEquals("welcome", welcome.getString("type"), () -> "expected welcome, got " + welcome);
    return client;
  }

  private static URI toWebSocket(URI base) {
    return URI.create(base.toString().replaceFirst("^http", "ws"));
  }

  public void send(JsonObject frame) {
    send(frame.toString());
  }

  public void send(String text) {
    socket.sendText(text, true).join();
  }

  public void sendBinary(byte[] bytes) {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
  }

  /** The next frame; fails after 15 s. */
  public JsonObject next() {
    return next(WAIT);
  }

  /** The next frame; fails after the given time. */
  public JsonObject next(Duration wait) {
    try {
      long deadline = System.nanoTime() + wait.toNanos();
      while (System.nanoTime() < deadline) {
        JsonObject frame = frames.poll(100, TimeUnit.MILLISECONDS);
        if (frame != null) {
          return frame;
        }
        if (closed.isDone() && frames.isEmpty()) {
          throw new AssertionError("connection closed instead: " + closed.join());
        }
      }
      throw new AssertionError("no frame within " + wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next frame, which must be of the given type. */
  public JsonObject next(String type) {
    JsonObject frame = next();
    assertEquals(type, frame.getString("type"), () -> "unexpected frame " + frame);
    return frame;
  }

  /** Sends a frame with an id and returns the next frame, which must answer it. */
  public JsonObject request(String type, String id) {
    send(Json.createObjectBuilder().add("type", type).add("id", id).build());
    JsonObject reply = next();
    assertEquals(
        id, reply.getString("reply_to", null), () -> "not a reply to " + id + ": " + reply);
    return reply;
  }

  /** The frames that have arrived so far, without waiting. */
  public List<JsonObject> drain() {
    List<JsonObject> arrived = new ArrayList<>();
    frames.drainTo(arrived);
    return arrived;
  }

  public boolean hasNoPendingFrames() {
    return frames.isEmpty();
  }

  /** How the server closed the connection; fails after 15 s. */
  public Closed awaitClose() {
    return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }

  private final class Collector implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(Json.createReader(new StringReader(partial.toString())).readObject());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(new Closed(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(new Closed(-1, String.valueOf(error)));
    }
  }
}
