package io.lockstep.bench;

import io.lockstep.it.Lockstep;
import io.lockstep.it.MicroProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;

/**
 * The extra latency of a cross-node delivery: one user with a device on node 1 and one on node 2;
 * chats created through node 1's REST reach both devices as {@code chat:created}. For each event it
 * takes the time from the request to the arrival on each device, and the difference between the two
 * arrivals (what crossing the cluster adds). Run: {@code mvn -Pbench verify}.
 */
public final class CrossNodeLatency {

  private static final int WARMUP = Integer.getInteger("bench.warmup", 200);
  private static final int EVENTS = Integer.getInteger("bench.events", 2000);

  public static void main(String[] args) throws Exception {
    if (!Bench.selected("cross-node")) {
      return;
    }
    Server h2 =
        Server.createTcpServer(
                "-tcpPort",
                "" + MicroProcess.freePort(),
                "-ifNotExists",
                "-baseDir",
                Path.of("target", "bench-data").toAbsolutePath().toString())
            .start();
    String url = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/lockstep";
    int grid1 = MicroProcess.freePort();
    int grid2 = MicroProcess.freePort();
    try (MicroProcess node1 =
            MicroProcess.startNode("bench-n1", grid1, List.of(grid1, grid2), url);
        MicroProcess node2 =
            MicroProcess.startNode("bench-n2", grid2, List.of(grid1, grid2), url)) {
      String token = Lockstep.devToken(node1.base(), "bench-" + System.nanoTime(), false);
      Device near = Device.connect(node1.base(), token);
      Device far = Device.connect(node2.base(), token);
      awaitCluster(node1, near, far, token);
      long[] sameNode = new long[EVENTS];
      long[] crossNode = new long[EVENTS];
      long[] extra = new long[EVENTS];
      for (int i = -WARMUP; i < EVENTS; i++) {
        long sent = System.nanoTime();
        String id = createChat(node1.base(), token, "bench " + i);
        long atNear = near.arrival(id);
        long atFar = far.arrival(id);
        if (i >= 0) {
          sameNode[i] = atNear - sent;
          crossNode[i] = atFar - sent;
          extra[i] = atFar - atNear;
        }
      }
      System.out.printf(
          "cross-node delivery, %d events after %d warm-up, one user, two nodes on loopback%n",
          EVENTS, WARMUP);
      report("request to same-node device ", sameNode);
      report("request to cross-node device", crossNode);
      report("cross-node minus same-node  ", extra);
    } finally {
      h2.stop();
    }
  }

  private static void awaitCluster(MicroProcess node1, Device near, Device far, String token)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      String id = createChat(node1.base(), token, "probe");
      if (far.arrivalWithin(id, 2000) > 0) {
        near.arrival(id);
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the nodes did not form a cluster");
      }
    }
  }

  private static String createChat(URI base, String token, String title) {
    var created = Lockstep.send(base, "POST", "api/chats", "{\"title\":\"" + title + "\"}", token);
    if (created.statusCode() != 201) {
      throw new IllegalStateException(created.statusCode() + " " + created.body());
    }
    return Lockstep.json(created).getString("id");
  }

  private static void report(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%s p50 %7.3f ms   p99 %7.3f ms   max %7.3f ms%n",
        what, millis(sorted, 0.50), millis(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
  }

  private static double millis(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }

  /** A signed-in /ws connection that notes when each chat:created arrived. */
  private static final class Device implements WebSocket.Listener {

    private final Map<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();

    static Device connect(URI base, String token) throws Exception {
      Device device = new Device();
      URI ws = URI.create("ws://" + base.getHost() + ":" + base.getPort() + base.getPath() + "ws");
      WebSocket socket =
          HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(ws, device).get();
      socket.sendText(
          Json.createObjectBuilder()
              .add("type", "user-join")
              .add("token", token)
              .build()
              .toString(),
          true);
      device.welcomed.get(30, TimeUnit.SECONDS);
      return device;
    }

    long arrival(String chatId) throws Exception {
      return future(chatId).get(30, TimeUnit.SECONDS);
    }

    long arrivalWithin(String chatId, long millis) throws Exception {
      try {
        return future(chatId).get(millis, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException notYet) {
        return -1;
      }
    }

    private CompletableFuture<Long> future(String chatId) {
      return arrivals.computeIfAbsent(chatId, id -> new CompletableFuture<>());
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      long now = System.nanoTime();
      partial.append(data);
      if (last) {
        JsonObject frame = Json.createReader(new StringReader(partial.toString())).readObject();
        partial.setLength(0);
        switch (frame.getString("type", "")) {
          case "welcome" -> welcomed.complete(null);
          case "chat:created" -> future(frame.getJsonObject("chat").getString("id")).complete(now);
          default -> {}
        }
      }
      socket.request(1);
      return null;
    }
  }

  private CrossNodeLatency() {}
}
