package io.lockstep.bench;

import io.lockstep.it.Lockstep;
import io.lockstep.it.MicroProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/** What the benchmarks share: selection, properties, the server, /ws connections, tables. */
final class Bench {

  static final String MACHINE =
      Runtime.getRuntime().availableProcessors()
          + " cores shared by the server and the load generator; load average at start "
          + loadAverage();

  /** The 1, 5 and 15 minute load averages (Linux), to show what else ran. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " / " + parts[1] + " / " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private Bench() {}

  /**
   * Whether the benchmark of this name runs: all do unless {@code -Dbench.only=name[,name]} names
   * some.
   */
  static boolean selected(String name) {
    String only = System.getProperty("bench.only", "").trim();
    boolean selected =
        only.isEmpty() || Arrays.stream(only.split(",")).anyMatch(n -> n.trim().equals(name));
    if (!selected) {
      System.out.println(name + ": skipped (-Dbench.only=" + only + ")");
    }
    return selected;
  }

  /** A path relative to the project's directory (exec:java may run elsewhere). */
  static Path path(String relative) {
    return Path.of(System.getProperty("bench.basedir", ".")).resolve(relative);
  }

  static int intProperty(String name, int fallback) {
    return Integer.getInteger(name, fallback);
  }

  static List<Integer> intsProperty(String name, String fallback) {
    return Arrays.stream(System.getProperty(name, fallback).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(Integer::valueOf)
        .toList();
  }

  /**
   * A single Payara Micro with the packaged WAR, a fresh database, the frame rate limit raised (the
   * Yjs editors send far more than the default 50 frames a second), and {@code bench.server-jvm}
   * (say, {@code -XX:StartFlightRecording=...}) added.
   */
  static MicroProcess startServer(String name) throws IOException {
    Path data = Path.of("target", "bench-data", name + "-" + System.currentTimeMillis());
    Files.createDirectories(data);
    List<String> jvm = new ArrayList<>();
    jvm.add("-Dlockstep.data-dir=" + data.toAbsolutePath());
    jvm.add(
        "-Dlockstep.ws.max-frames-per-second="
            + System.getProperty("bench.max-frames-per-second", "1000000"));
    String jfr = System.getProperty("bench.jfr", "");
    if (!jfr.isBlank()) {
      jvm.add("-XX:StartFlightRecording=name=bench,settings=profile");
    }
    String extra = System.getProperty("bench.server-jvm", "");
    if (!extra.isBlank()) {
      jvm.addAll(Arrays.asList(extra.trim().split("\\s+")));
    }
    return MicroProcess.start(name, jvm);
  }

  /**
   * With {@code -Dbench.jfr=file.jfr}: writes the server's flight recording (before it is killed).
   */
  static void dumpFlightRecording(MicroProcess server) throws Exception {
    String jfr = System.getProperty("bench.jfr", "");
    if (!jfr.isBlank()) {
      System.out.println(
          Connections.jcmd(
              server.pid(), "JFR.dump name=bench filename=" + Path.of(jfr).toAbsolutePath()));
    }
  }

  static URI wsUri(URI base) {
    return URI.create("ws://" + base.getHost() + ":" + base.getPort() + base.getPath() + "ws");
  }

  static String createSession(URI base, String token) {
    var created =
        Lockstep.send(
            base, "POST", "api/sessions", "{\"title\":\"bench\",\"model\":\"echo\"}", token);
    if (created.statusCode() != 201) {
      throw new IllegalStateException(created.statusCode() + " " + created.body());
    }
    return Lockstep.json(created).getString("id");
  }

  static String nanosToMillis(double nanos) {
    return String.format("%.2f", nanos / 1e6);
  }

  /** p50 / p90 / p99 / p99.9 / max in milliseconds of a histogram kept in microseconds. */
  static String percentiles(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return "(no samples)";
    }
    return String.format(
        "p50 %7.2f  p90 %7.2f  p99 %7.2f  p99.9 %7.2f  max %7.2f ms (n=%d)",
        micros.getValueAtPercentile(50) / 1e3,
        micros.getValueAtPercentile(90) / 1e3,
        micros.getValueAtPercentile(99) / 1e3,
        micros.getValueAtPercentile(99.9) / 1e3,
        micros.getMaxValue() / 1e3,
        micros.getTotalCount());
  }

  static Histogram histogram() {
    return new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
  }

  /** The {@code type} of an outbound frame, which the server always writes first. */
  static String type(String frame) {
    int start = "{\"type\":\"".length();
    return frame.startsWith("{\"type\":\"")
        ? frame.substring(start, frame.indexOf('"', start))
        : "";
  }

  /** A long field of a flat frame, found by text (the hot paths parse no JSON). */
  static long longField(String frame, String name) {
    String key = "\"" + name + "\":";
    int at = frame.indexOf(key);
    if (at < 0) {
      return -1;
    }
    int from = at + key.length();
    int to = from;
    while (to < frame.length()
        && (Character.isDigit(frame.charAt(to)) || frame.charAt(to) == '-')) {
      to++;
    }
    return Long.parseLong(frame.substring(from, to));
  }

  static JsonObject parse(String frame) {
    return Json.createReader(new StringReader(frame)).readObject();
  }

  /**
   * A /ws connection signed in by its handshake's bearer token. Replies to frames with an {@code
   * id} come back through {@link #request}; every other frame goes to the handler, with its arrival
   * time ({@link System#nanoTime()}), on the client's thread.
   */
  static final class Socket implements WebSocket.Listener {

    interface Handler {
      void frame(Socket socket, String frame, long arrivedNanos);
    }

    private static final AtomicLong IDS = new AtomicLong();

    private final Map<String, CompletableFuture<String>> replies = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<String> welcome = new CompletableFuture<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile Handler handler;
    private volatile WebSocket webSocket;

    static CompletableFuture<Socket> open(HttpClient http, URI ws, String token, Handler handler) {
      Socket socket = new Socket();
      socket.handler = handler;
      return http.newWebSocketBuilder()
          .header("Authorization", "Bearer " + token)
          .connectTimeout(Duration.ofSeconds(60))
          .buildAsync(ws, socket)
          .thenCompose(webSocket -> socket.welcome.thenApply(welcome -> socket));
    }

    void handler(Handler handler) {
      this.handler = handler;
    }

    void send(String frame) {
      synchronized (this) {
        webSocket.sendText(frame, true).join();
      }
    }

    /** Sends a frame with a fresh id and returns the reply (error replies too). */
    String request(jakarta.json.JsonObjectBuilder frame) {
      String id = "b" + IDS.incrementAndGet();
      var reply = new CompletableFuture<String>();
      replies.put(id, reply);
      send(frame.add("id", id).build().toString());
      try {
        return reply.get(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("no reply to " + id, e);
      } finally {
        replies.remove(id);
      }
    }

    void abort() {
      if (webSocket != null) {
        webSocket.abort();
      }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      this.webSocket = webSocket;
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      long now = System.nanoTime();
      partial.append(data);
      if (last) {
        String frame = partial.toString();
        partial.setLength(0);
        dispatch(frame, now);
      }
      webSocket.request(1);
      return null;
    }

    private void dispatch(String frame, long now) {
      String type = type(frame);
      String replyPrefix = "{\"type\":\"" + type + "\",\"reply_to\":\"";
      if (frame.startsWith(replyPrefix)) {
        int from = replyPrefix.length();
        var reply = replies.get(frame.substring(from, frame.indexOf('"', from)));
        if (reply != null) {
          reply.complete(frame);
          return;
        }
      }
      if (type.equals("welcome")) {
        welcome.complete(frame);
        return;
      }
      Handler current = handler;
      if (current != null) {
        current.frame(this, frame, now);
      }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      welcome.completeExceptionally(new IllegalStateException("closed " + statusCode + reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
      welcome.completeExceptionally(error);
    }
  }
}
