package io.lockstep.chaos;

import static io.lockstep.it.Lockstep.devToken;
import static io.lockstep.it.Lockstep.json;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.it.Lockstep;
import io.lockstep.it.MicroProcess;
import io.lockstep.it.Tokens;
import io.lockstep.it.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

/**
 * Two nodes under load: chats are created through whichever node answers (a load balancer's retry)
 * while six devices of the owner, spread over both nodes, follow the user room. One node is killed
 * (kill -9) five times in a row, alternately; its devices move to the other node and resume by
 * {@code user:sync}. The checker: every device got each event of its span exactly once, with no
 * gap, and every acknowledged chat exactly once.
 *
 * <p>In the {@code -Pchaos} run (pom.xml), Payara only: the cluster is Payara Micro's Hazelcast.
 */
class ClusterKillsChaosIT {

  private static final Logger LOG = Logger.getLogger(ClusterKillsChaosIT.class.getName());
  private static final int KILLS = 5;
  private static final int DEVICES = 6;
  private static final List<String> OPTIONS =
      List.of("-Dlockstep.user-events.retention-count=100000");

  private final int[] httpPorts = {MicroProcess.freePort(), MicroProcess.freePort()};
  private final int[] gridPorts = {MicroProcess.freePort(), MicroProcess.freePort()};
  private final MicroProcess[] nodes = new MicroProcess[2];
  private String datasourceUrl;

  @Test
  void fiveKillsUnderLoadLeaveNoGapAndNoDuplicate() throws Exception {
    Server h2 = null;
    datasourceUrl = System.getProperty("lockstep.it.datasource.url");
    if (datasourceUrl.startsWith("jdbc:h2:")) {
      int port = MicroProcess.freePort();
      String dir = Path.of("target", "it-data-cluster-kills").toAbsolutePath().toString();
      h2 = Server.createTcpServer("-tcpPort", "" + port, "-ifNotExists", "-baseDir", dir).start();
      datasourceUrl = "jdbc:h2:tcp://127.0.0.1:" + port + "/lockstep";
    }
    Loader loader = null;
    List<Device> devices = new ArrayList<>();
    try {
      nodes[0] = startNode(0);
      nodes[1] = startNode(1);
      String token = devToken(nodes[0].base(), Tokens.uniqueUser("roaming"), false);
      awaitClusterOfTwo(token);
      for (int i = 0; i < DEVICES; i++) {
        devices.add(new Device("device-" + i, token, i % 2, this));
      }
      loader = new Loader(token);
      loader.start();
      for (int kill = 0; kill < KILLS; kill++) {
        int victim = kill % 2 == 0 ? 1 : 0;
        int acknowledged = loader.acknowledged.size();
        awaitProgress(devices, loader, acknowledged + 20); // load flows before each kill
        nodes[victim].kill();
        LOG.info("Killed node " + victim + " (kill " + (kill + 1) + " of " + KILLS + ")");
        for (Device device : devices) {
          device.pump(); // devices on the dead node see their connection drop and move over
        }
        awaitProgress(devices, loader, loader.acknowledged.size() + 20); // served by one node
        nodes[victim] = startNode(victim);
        awaitClusterOfTwo(token);
        // spread the devices over both nodes again: half go back to the restarted node
        for (int i = 0; i < DEVICES; i += 2) {
          devices.get(i).moveTo(victim);
        }
      }
      loader.stop();
      Set<String> acknowledged = Set.copyOf(loader.acknowledged);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                devices.forEach(Device::pump);
                return devices.stream().allMatch(d -> d.chats().containsAll(acknowledged));
              });
      for (Device device : devices) {
        assertEquals(List.of(), device.duplicates(), device.name + " got events twice");
        assertEquals(List.of(), device.gaps(), device.name + " missed events");
        Map<String, Integer> created = device.createdCounts();
        for (String chat : acknowledged) {
          assertEquals(1, created.get(chat), device.name + " holds chat " + chat + " once");
        }
      }
      int total = acknowledged.size();
      int failed = loader.failures.get();
      LOG.info(
          () ->
              total
                  + " chats acknowledged, "
                  + failed
                  + " requests failed during kills; every device holds each once");
      assertTrue(total > KILLS * 40, "the load went on: " + total);
    } finally {
      if (loader != null) {
        loader.stop();
      }
      devices.forEach(Device::close);
      for (MicroProcess node : nodes) {
        if (node != null) {
          node.close();
        }
      }
      if (h2 != null) {
        h2.stop();
      }
    }
  }

  private MicroProcess startNode(int index) {
    return MicroProcess.startNode(
        "kill-n" + (index + 1),
        httpPorts[index],
        gridPorts[index],
        List.of(gridPorts[0], gridPorts[1]),
        datasourceUrl,
        OPTIONS);
  }

  URI base(int index) {
    return nodes[index].base();
  }

  private void awaitClusterOfTwo(String token) {
    String admin = devToken(nodes[0].base(), Tokens.uniqueUser("root"), true);
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () -> nodeCount(nodes[0].base(), admin) == 2 && nodeCount(nodes[1].base(), admin) == 2);
  }

  private static int nodeCount(URI base, String admin) {
    var system = Lockstep.get(base, "api/admin/system", admin);
    return system.statusCode() == 200 ? json(system).getJsonArray("nodes").size() : 0;
  }

  private static void awaitProgress(List<Device> devices, Loader loader, int chats) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              devices.forEach(Device::pump);
              return loader.acknowledged.size() >= chats;
            });
  }

  /** Creates chats without pause through the first node that answers, as a load balancer would. */
  private final class Loader implements Runnable {
    final List<String> acknowledged = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AtomicInteger failures = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final String token;
    private final Thread thread = new Thread(this, "chat-loader");
    private int next;

    Loader(String token) {
      this.token = token;
    }

    void start() {
      thread.start();
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join(30_000);
    }

    @Override
    public void run() {
      while (running.get()) {
        int node = next++ % 2;
        try {
          var created =
              Lockstep.send(
                  base(node),
                  "POST",
                  "api/chats",
                  Json.createObjectBuilder()
                      .add("title", "load " + UUID.randomUUID())
                      .build()
                      .toString(),
                  token);
          if (created.statusCode() == 201) {
            acknowledged.add(json(created).getString("id"));
          } else {
            failures.incrementAndGet();
          }
        } catch (RuntimeException | AssertionError e) {
          failures.incrementAndGet(); // the node is down: the next request goes to the other
        }
      }
    }
  }

  /** A device following the user room; it resumes from the last seq it applied. */
  private static final class Device {
    final String name;
    private final String token;
    private final ClusterKillsChaosIT cluster;
    private final Map<Long, Integer> deliveries = new TreeMap<>();
    private final Map<Long, String> chatBySeq = new HashMap<>();
    private final Set<String> chats = ConcurrentHashMap.newKeySet();
    private final List<String> createdInOrder = new ArrayList<>();
    private WsClient client;
    private int node;
    private long firstSeq = -1;
    private long applied;

    Device(String name, String token, int node, ClusterKillsChaosIT cluster) {
      this.name = name;
      this.token = token;
      this.cluster = cluster;
      connect(node);
    }

    private void connect(int node) {
      this.node = node;
      client = WsClient.connect(cluster.base(node));
      client.send(
          Json.createObjectBuilder()
              .add("type", "user-join")
              .add("id", "j")
              .add("token", token)
              .build());
      JsonObject welcome = client.next("welcome");
      if (firstSeq < 0) {
        firstSeq = welcome.getJsonNumber("last_seq").longValue() + 1;
        applied = firstSeq - 1;
        return;
      }
      // catch up: everything after the last applied seq, up to the welcome's last_seq
      long after = applied;
      long upTo = welcome.getJsonNumber("last_seq").longValue();
      while (after < upTo) {
        String id = "sync-" + UUID.randomUUID();
        client.send(
            Json.createObjectBuilder()
                .add("type", "user:sync")
                .add("id", id)
                .add("after_seq", after)
                .build());
        JsonObject reply;
        while (true) {
          JsonObject frame = client.next(Duration.ofSeconds(30));
          if (id.equals(frame.getString("reply_to", null))) {
            reply = frame;
            break;
          }
          apply(frame); // live events after the welcome: after the sync's range
        }
        assertEquals("user:sync", reply.getString("type"), reply::toString);
        assertEquals(false, reply.getBoolean("reset"), () -> name + " was reset: " + reply);
        reply.getJsonArray("events").getValuesAs(JsonObject.class).forEach(this::apply);
        after = reply.getJsonNumber("last_seq").longValue();
        if (!reply.getBoolean("has_more")) {
          break;
        }
      }
    }

    void moveTo(int other) {
      client.close();
      pump();
      connect(other);
    }

    /** Applies what arrived; if the connection dropped, moves to the other node and catches up. */
    void pump() {
      client.drain().forEach(this::apply);
      if (client.isClosed()) {
        client.drain().forEach(this::apply);
        connect(1 - node);
      }
    }

    private void apply(JsonObject frame) {
      if (!frame.containsKey("seq") || frame.containsKey("session_id")) {
        return; // not an event of the user room
      }
      long seq = frame.getJsonNumber("seq").longValue();
      deliveries.merge(seq, 1, Integer::sum);
      applied = Math.max(applied, seq);
      if (frame.getString("type").equals("chat:created")) {
        String chat = frame.getJsonObject("chat").getString("id");
        chatBySeq.put(seq, chat);
        chats.add(chat);
        createdInOrder.add(chat);
      }
    }

    Set<String> chats() {
      return chats;
    }

    Map<String, Integer> createdCounts() {
      Map<String, Integer> counts = new HashMap<>();
      createdInOrder.forEach(chat -> counts.merge(chat, 1, Integer::sum));
      return counts;
    }

    List<Long> duplicates() {
      return deliveries.entrySet().stream()
          .filter(e -> e.getValue() > 1)
          .map(Map.Entry::getKey)
          .toList();
    }

    List<Long> gaps() {
      List<Long> missing = new ArrayList<>();
      for (long seq = firstSeq; seq <= applied; seq++) {
        if (!deliveries.containsKey(seq)) {
          missing.add(seq);
        }
      }
      return missing;
    }

    void close() {
      client.close();
    }
  }
}
