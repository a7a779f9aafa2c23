package io.lockstep.bench;

import io.lockstep.it.Lockstep;
import io.lockstep.it.MicroProcess;
import jakarta.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Tokens (the echo agent's chunks) per second from one agent to 1 and 100 observers of its session,
 * and the latency of each token from the agent to each observer.
 *
 * <p>Chunks carry no emission time, so the latency is taken against the agent's schedule: the echo
 * agent emits chunk i about i pauses after chunk 0. The run's real period (the pause plus the cost
 * of handing the chunk to every observer) is fitted from the first and last chunk's earliest
 * arrival, and the schedule is anchored so that the earliest arrival of the run lies exactly one
 * loopback one-way time (half the fastest keepalive round trip) after its emission. A token's
 * latency is then its arrival at an observer minus its scheduled emission: what the server (and
 * this machine's shared cores) added beyond the best case. Bursts (no pause) measure throughput
 * only.
 */
final class AgentStreaming {

  /** Tokens over which the schedule is re-anchored, so the agent's own drift cannot accumulate. */
  private static final int WINDOW = Bench.intProperty("bench.streaming.window", 50);

  private AgentStreaming() {}

  static void run(MicroProcess server) throws Exception {
    List<Integer> observerCounts = Bench.intsProperty("bench.streaming.observers", "1,100");
    int burstChunks = Bench.intProperty("bench.streaming.burst-chunks", 2000);
    // delay-ms:chunks pairs; 10 ms is 100 tokens a second, the pace of a fast model
    String[] paced = System.getProperty("bench.streaming.paced", "10:500,1:1000").split(",");
    URI base = server.base();
    String token = Lockstep.devToken(base, "streaming-" + System.nanoTime(), false);
    List<HttpClient> clients = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      clients.add(HttpClient.newHttpClient());
    }
    List<String> rows = new ArrayList<>();
    for (int observers : observerCounts) {
      String sessionId = Bench.createSession(base, token);
      List<Bench.Socket> sockets = new ArrayList<>();
      for (int i = 0; i < observers; i++) {
        Bench.Socket socket =
            Bench.Socket.open(clients.get(i % clients.size()), Bench.wsUri(base), token, null)
                .get(60, TimeUnit.SECONDS);
        String subscribed =
            socket.request(
                Json.createObjectBuilder()
                    .add("type", "session:subscribe")
                    .add("session_id", sessionId));
        if (!Bench.type(subscribed).equals("session:subscribed")) {
          throw new IllegalStateException(subscribed);
        }
        sockets.add(socket);
      }
      Bench.Socket prompter =
          Bench.Socket.open(clients.get(0), Bench.wsUri(base), token, null)
              .get(60, TimeUnit.SECONDS);
      long floorNanos = loopbackOneWay(sockets.get(0), sessionId);
      rows.add(measure(sessionId, prompter, sockets, 0, burstChunks, floorNanos));
      for (String pair : paced) {
        String[] parts = pair.trim().split(":");
        rows.add(
            measure(
                sessionId,
                prompter,
                sockets,
                Integer.parseInt(parts[0]),
                Integer.parseInt(parts[1]),
                floorNanos));
      }
      sockets.forEach(Bench.Socket::abort);
      prompter.abort();
    }
    System.out.println();
    System.out.println("== Agent streaming (echo agent, one session) -- " + Bench.MACHINE);
    System.out.printf(
        "%-9s %6s %7s %10s %13s %13s %7s  %s%n",
        "observers",
        "delay",
        "tokens",
        "run ms",
        "tokens/s/obs",
        "frames/s all",
        "closed",
        "latency per token (agent to observer)");
    rows.forEach(System.out::println);
  }

  /** Half the fastest of 50 keepalive round trips: the best one-way time on this loopback. */
  private static long loopbackOneWay(Bench.Socket socket, String sessionId) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 50; i++) {
      long sent = System.nanoTime();
      socket.request(
          Json.createObjectBuilder()
              .add("type", "keepalive")
              .add("session_id", sessionId)
              .add("client_time", System.currentTimeMillis()));
      best = Math.min(best, System.nanoTime() - sent);
    }
    return best / 2;
  }

  private static String measure(
      String sessionId,
      Bench.Socket prompter,
      List<Bench.Socket> sockets,
      int delayMillis,
      int chunks,
      long floorNanos)
      throws Exception {
    int n = sockets.size();
    long[][] arrivals = new long[n][chunks];
    int[] counts = new int[n];
    var done = new CountDownLatch(n);
    List<CompletableFuture<?>> closes = new ArrayList<>();
    for (int o = 0; o < n; o++) {
      int observer = o;
      Bench.Socket socket = sockets.get(o);
      socket.handler(
          (s, frame, now) -> {
            switch (Bench.type(frame)) {
              case "agent_message" -> {
                if (counts[observer] < chunks) {
                  arrivals[observer][counts[observer]++] = now;
                }
              }
              case "prompt_complete" -> done.countDown();
              default -> {}
            }
          });
      closes.add(socket.closed.thenRun(done::countDown));
    }
    // "Echo: " + 4 characters per chunk: about one token each
    String text = "/chunks " + chunks + " /delay " + delayMillis + " /repeat " + chunks + " abcd";
    String ack =
        prompter.request(
            Json.createObjectBuilder()
                .add("type", "prompt")
                .add("session_id", sessionId)
                .add("prompt_id", UUID.randomUUID().toString())
                .add("text", text));
    if (!Bench.type(ack).equals("prompt_ack")) {
      throw new IllegalStateException(ack);
    }
    long expected = (long) delayMillis * chunks;
    if (!done.await(expected + 180_000, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the prompt did not complete");
    }
    long closed = sockets.stream().filter(s -> s.closed.isDone()).count();

    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long frames = 0;
    double perObserverRate = 0;
    int complete = 0;
    for (int o = 0; o < n; o++) {
      frames += counts[o];
      if (counts[o] == chunks) {
        first = Math.min(first, arrivals[o][0]);
        last = Math.max(last, arrivals[o][chunks - 1]);
        perObserverRate += (chunks - 1) / ((arrivals[o][chunks - 1] - arrivals[o][0]) / 1e9);
        complete++;
      }
    }
    perObserverRate /= Math.max(1, complete);
    double spanSeconds = (last - first) / 1e9;

    String latency = "(burst: throughput only)";
    if (delayMillis > 0 && complete > 0) {
      long[] earliest = new long[chunks];
      java.util.Arrays.fill(earliest, Long.MAX_VALUE);
      for (int o = 0; o < n; o++) {
        for (int i = 0; i < counts[o]; i++) {
          earliest[i] = Math.min(earliest[i], arrivals[o][i]);
        }
      }
      double period = (earliest[chunks - 1] - earliest[0]) / (double) (chunks - 1);
      Histogram micros = Bench.histogram();
      Histogram spread = Bench.histogram();
      for (int i = 0; i < chunks; i++) {
        double anchor = Double.MAX_VALUE;
        for (int j = Math.max(0, i - WINDOW); j <= i; j++) {
          anchor = Math.min(anchor, earliest[j] - j * period);
        }
        double emitted = anchor + i * period - floorNanos;
        for (int o = 0; o < n; o++) {
          if (i < counts[o]) {
            micros.recordValue(Math.max(0, Math.round(arrivals[o][i] - emitted) / 1000));
            spread.recordValue((arrivals[o][i] - earliest[i]) / 1000);
          }
        }
      }
      latency =
          Bench.percentiles(micros)
              + String.format(" (period %.3f ms, floor %.3f ms)", period / 1e6, floorNanos / 1e6);
      if (n > 1) {
        latency += "\n" + " ".repeat(70) + "after the first observer: " + Bench.percentiles(spread);
      }
    }
    closes.forEach(c -> c.cancel(false));
    return String.format(
        "%-9d %6s %7d %10.0f %13.0f %13.0f %7d  %s",
        n,
        delayMillis + "ms",
        chunks,
        spanSeconds * 1000,
        perObserverRate,
        frames / spanSeconds,
        closed,
        latency);
  }
}
