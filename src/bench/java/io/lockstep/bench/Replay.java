package io.lockstep.bench;

import io.lockstep.it.Lockstep;
import io.lockstep.it.MicroProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * How fast a client that missed N events (default 10,000) of an agent session is caught up: it
 * subscribes, then pages {@code load_events} with {@code after_seq} until {@code has_more} is
 * false. The session's events come from echo-agent prompts (six events each: the prompt, a thought,
 * a tool call and its update, the answer, the completion), so they are stored events of every kind.
 */
final class Replay {

  private Replay() {}

  static void run(MicroProcess server) throws Exception {
    int missed = Bench.intProperty("bench.replay.events", 10000);
    int repeats = Bench.intProperty("bench.replay.repeats", 3);
    List<Integer> limits = Bench.intsProperty("bench.replay.limits", "500,50");
    URI base = server.base();
    HttpClient http = HttpClient.newHttpClient();
    String token = Lockstep.devToken(base, "replay-" + System.nanoTime(), false);
    String sessionId = Bench.createSession(base, token);

    long generating = System.nanoTime();
    long maxSeq = fill(http, base, token, sessionId, missed);
    double fillSeconds = (System.nanoTime() - generating) / 1e9;

    List<String> rows = new ArrayList<>();
    for (int limit : limits) {
      for (int r = 0; r < repeats; r++) {
        rows.add(catchUp(http, base, token, sessionId, maxSeq - missed, limit));
      }
    }
    System.out.println();
    System.out.printf(
        "== Replay: load_events after_seq over %d missed events (session of %d events, written in"
            + " %.1f s by %d prompts) -- %s%n",
        missed, maxSeq, fillSeconds, maxSeq / 6, Bench.MACHINE);
    System.out.printf(
        "%6s %7s %6s %10s %11s %10s  %s%n",
        "limit", "events", "pages", "total ms", "events/s", "MB", "time per page");
    rows.forEach(System.out::println);
  }

  /** Prompts the echo agent until the session holds more than {@code events} events. */
  private static long fill(HttpClient http, URI base, String token, String sessionId, int events)
      throws Exception {
    AtomicReference<CompletableFuture<String>> completion = new AtomicReference<>();
    Bench.Socket prompter =
        Bench.Socket.open(
                http,
                Bench.wsUri(base),
                token,
                (socket, frame, now) -> {
                  if (Bench.type(frame).equals("prompt_complete")) {
                    completion.get().complete(frame);
                  }
                })
            .get(60, TimeUnit.SECONDS);
    prompter.request(
        Json.createObjectBuilder().add("type", "session:subscribe").add("session_id", sessionId));
    long maxSeq = 0;
    int i = 0;
    while (maxSeq <= events) {
      completion.set(new CompletableFuture<>());
      String ack =
          prompter.request(
              Json.createObjectBuilder()
                  .add("type", "prompt")
                  .add("session_id", sessionId)
                  .add("prompt_id", UUID.randomUUID().toString())
                  .add(
                      "text",
                      "/chunks 1 /delay 0 Summarise what changed in step "
                          + i++
                          + " of the refactoring, and list the files it touched."));
      if (!Bench.type(ack).equals("prompt_ack")) {
        throw new IllegalStateException(ack);
      }
      maxSeq = Bench.longField(completion.get().get(60, TimeUnit.SECONDS), "seq");
    }
    prompter.abort();
    return maxSeq;
  }

  private static String catchUp(
      HttpClient http, URI base, String token, String sessionId, long afterSeq, int limit)
      throws Exception {
    Bench.Socket client =
        Bench.Socket.open(http, Bench.wsUri(base), token, null).get(60, TimeUnit.SECONDS);
    client.request(
        Json.createObjectBuilder().add("type", "session:subscribe").add("session_id", sessionId));
    Histogram pageMicros = Bench.histogram();
    long events = 0;
    long bytes = 0;
    int pages = 0;
    long after = afterSeq;
    long started = System.nanoTime();
    while (true) {
      long sent = System.nanoTime();
      String reply =
          client.request(
              Json.createObjectBuilder()
                  .add("type", "load_events")
                  .add("session_id", sessionId)
                  .add("after_seq", after)
                  .add("limit", limit));
      pageMicros.recordValue((System.nanoTime() - sent) / 1000);
      JsonObject page = Bench.parse(reply);
      if (!page.getString("type").equals("events_loaded")) {
        throw new IllegalStateException(reply);
      }
      pages++;
      bytes += reply.length();
      events += page.getJsonArray("events").size();
      after = page.getJsonNumber("last_seq").longValue();
      if (!page.getBoolean("has_more")) {
        break;
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    client.abort();
    return String.format(
        "%6d %7d %6d %10.1f %11.0f %10.2f  %s",
        limit,
        events,
        pages,
        seconds * 1000,
        events / seconds,
        bytes / 1e6,
        Bench.percentiles(pageMicros));
  }
}
