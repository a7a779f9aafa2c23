package io.lockstep.bench;

import io.lockstep.it.Lockstep;
import io.lockstep.it.MicroProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Document updates per second with 10 y-websocket editors typing into one note through {@code
 * /ws/yjs/{id}}, compared on the same workload ({@code src/bench/js/yjs-load.mjs}) with the Yjs
 * project's own y-websocket server and with Hocuspocus (its own provider and protocol), both in
 * memory; then the time a fresh client takes to load a Lockstep note after 100,000 updates.
 */
final class YjsThroughput {

  private static final Path SCRIPTS = Path.of("src/bench/js");

  private YjsThroughput() {}

  static void run(MicroProcess server) throws Exception {
    if (!Files.isDirectory(SCRIPTS.resolve("node_modules/@hocuspocus/server"))) {
      throw new IllegalStateException("run npm ci in " + SCRIPTS + " (mvn -Pbench does it)");
    }
    int editors = Bench.intProperty("bench.yjs.editors", 10);
    int updates = Bench.intProperty("bench.yjs.updates", 300);
    int window = Bench.intProperty("bench.yjs.window", 20);
    int loadUpdates = Bench.intProperty("bench.yjs.load-updates", 10000);
    boolean peers = Boolean.parseBoolean(System.getProperty("bench.yjs.peers", "true"));
    URI base = server.base();
    String token = Lockstep.devToken(base, "yjs-" + System.nanoTime(), false);
    String lockstepUrl =
        "ws://" + base.getHost() + ":" + base.getPort() + base.getPath() + "ws/yjs";

    int warmup = Bench.intProperty("bench.yjs.warmup-updates", 3000);
    if (warmup > 0) {
      // not reported: the server's JIT compiles the update path first, as a long-running one has
      workload(
          "Lockstep /ws/yjs (warm-up)",
          "y-websocket",
          lockstepUrl,
          createNote(base, token),
          token,
          editors,
          Math.max(1, warmup / editors),
          window);
    }
    List<JsonObject> results = new ArrayList<>();
    double compactionsBefore = counter(base, "lockstep_document_compactions_total");
    results.add(
        workload(
            "Lockstep /ws/yjs",
            "y-websocket",
            lockstepUrl,
            createNote(base, token),
            token,
            editors,
            updates,
            window));
    double compactions = counter(base, "lockstep_document_compactions_total") - compactionsBefore;
    if (peers) {
      int port = MicroProcess.freePort();
      Process yws =
          startNode(
              List.of("node", "node_modules/y-websocket/bin/server.js"),
              Map.of("HOST", "127.0.0.1", "PORT", Integer.toString(port)),
              "running at");
      try {
        results.add(
            workload(
                "y-websocket 1.5.4 server",
                "y-websocket",
                "ws://127.0.0.1:" + port,
                "bench",
                null,
                editors,
                updates,
                window));
      } finally {
        yws.destroy();
      }
      port = MicroProcess.freePort();
      Process hocuspocus =
          startNode(
              List.of("node", "hocuspocus-server.mjs", Integer.toString(port)),
              Map.of(),
              "listening");
      try {
        results.add(
            workload(
                "Hocuspocus 3.4.4 server",
                "hocuspocus",
                "ws://127.0.0.1:" + port,
                "bench",
                null,
                editors,
                updates,
                window));
      } finally {
        hocuspocus.destroy();
      }
    }
    JsonObject loaded = null;
    if (loadUpdates > 0) {
      loaded =
          workload(
              "Lockstep /ws/yjs",
              "y-websocket",
              lockstepUrl,
              createNote(base, token),
              token,
              editors,
              Math.max(1, loadUpdates / editors),
              window);
    }

    System.out.println();
    System.out.printf(
        "== Yjs: %d editors typing one character per update at random positions, at most %d"
            + " updates each not yet seen by the next editor; all clients in one Node process --"
            + " %s%n",
        editors, window, Bench.MACHINE);
    System.out.printf(
        "%-26s %8s %10s %12s %14s   %-34s %10s %s%n",
        "server",
        "updates",
        "updates/s",
        "deliveries/s",
        "fresh load ms",
        "latency edit->other editor (ms)",
        "state KB",
        "closes");
    results.forEach(r -> System.out.println(row(r)));
    System.out.printf(
        "Lockstep compacted its note %.0f times for %d updates"
            + " (due after lockstep.notes.compact-after-updates, default 500)%n",
        compactions, editors * updates);
    if (loaded != null) {
      System.out.println(row(loaded));
      System.out.printf(
          "a fresh y-websocket client loads the Lockstep note of %d updates in %.0f ms%n",
          loaded.getInt("updates"), loaded.getJsonNumber("loadMs").doubleValue());
    }
  }

  private static String row(JsonObject r) {
    JsonObject latency = r.getJsonObject("latencyMs");
    return String.format(
        "%-26s %8d %10.0f %12.0f %14.0f   p50 %7.1f p99 %7.1f max %7.1f %10.1f %s",
        r.getString("label"),
        r.getInt("updates"),
        r.getJsonNumber("updatesPerSecond").doubleValue(),
        r.getJsonNumber("deliveriesPerSecond").doubleValue(),
        r.getJsonNumber("loadMs").doubleValue(),
        latency.getJsonNumber("p50").doubleValue(),
        latency.getJsonNumber("p99").doubleValue(),
        latency.getJsonNumber("max").doubleValue(),
        r.getInt("stateBytes") / 1024.0,
        r.getJsonArray("closes"));
  }

  /** A counter of the server's {@code /metrics}, summed over its labels. */
  private static double counter(URI base, String name) {
    var response = Lockstep.get(base, "metrics", null);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /metrics: " + response.statusCode());
    }
    return response
        .body()
        .lines()
        .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static String createNote(URI base, String token) {
    var created = Lockstep.send(base, "POST", "api/notes", "{\"title\":\"bench\"}", token);
    if (created.statusCode() != 201) {
      throw new IllegalStateException(created.statusCode() + " " + created.body());
    }
    return Lockstep.json(created).getString("id");
  }

  private static JsonObject workload(
      String label,
      String protocol,
      String url,
      String room,
      String token,
      int editors,
      int updates,
      int window)
      throws Exception {
    var config =
        Json.createObjectBuilder()
            .add("protocol", protocol)
            .add("url", url)
            .add("room", room)
            .add("editors", editors)
            .add("updates", updates)
            .add("window", window);
    if (token != null) {
      config.add("token", token);
    }
    Path log = Path.of("target", "bench-yjs-" + protocol + "-" + System.nanoTime() + ".log");
    Process node =
        new ProcessBuilder("node", "yjs-load.mjs", config.build().toString())
            .directory(SCRIPTS.toFile())
            .redirectError(log.toAbsolutePath().toFile())
            .start();
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    node.waitFor(60, TimeUnit.SECONDS);
    String last = out.strip().lines().reduce((a, b) -> b).orElse("{}");
    JsonObject result = Bench.parse(last);
    if (result.containsKey("error") || !result.containsKey("updatesPerSecond")) {
      throw new IllegalStateException(label + ": " + last + " (see " + log + ")");
    }
    System.out.printf(
        "%s: %d updates at %.0f/s%n",
        label, result.getInt("updates"), result.getJsonNumber("updatesPerSecond").doubleValue());
    return Json.createObjectBuilder(result).add("label", label).build();
  }

  private static Process startNode(List<String> command, Map<String, String> env, String ready)
      throws IOException, InterruptedException {
    var builder = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    var reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.contains(ready)) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (reader.readLine() != null) {
                      // keep the pipe from filling up
                    }
                  } catch (IOException ignored) {
                    // the process ended
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return process;
      }
    }
    throw new IllegalStateException(command + " exited before it was ready");
  }
}
