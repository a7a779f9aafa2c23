package io.lockstep.chaos;

import static io.lockstep.it.AgentClients.awaitFrame;
import static io.lockstep.it.AgentClients.completes;
import static io.lockstep.it.AgentClients.createSession;
import static io.lockstep.it.AgentClients.prompt;
import static io.lockstep.it.AgentClients.storedTexts;
import static io.lockstep.it.AgentClients.subscribe;
import static io.lockstep.it.Lockstep.devToken;
import static io.lockstep.it.Lockstep.json;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.it.Lockstep;
import io.lockstep.it.MicroProcess;
import io.lockstep.it.SilentClient;
import io.lockstep.it.Tokens;
import io.lockstep.it.WsClient;
import io.lockstep.sessions.SessionReplica;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One node under fire: its database stops for 10 s and comes back; clients stop reading. The
 * database is an H2 server in this JVM, so the test can stop it (in the postgres pass too).
 *
 * <p>In the {@code -Pchaos} run (pom.xml), Payara only: it starts its own server process.
 */
class SingleNodeFaultsChaosIT {

  private static final Logger LOG = Logger.getLogger(SingleNodeFaultsChaosIT.class.getName());
  private static final int MAX_QUEUED_FRAMES = 200;

  private static int databasePort;
  private static Server database;
  private static int jmxPort;
  private static MicroProcess server;
  private static URI base;

  @BeforeAll
  static void start() throws SQLException {
    databasePort = MicroProcess.freePort();
    database = startDatabase();
    jmxPort = MicroProcess.freePort();
    server =
        MicroProcess.start(
            "faults",
            Stream.of(
                    MicroProcess.h2Server(databasePort),
                    MicroProcess.jmxRemote(jmxPort),
                    List.of(
                        "-Dlockstep.ws.max-queued-frames=" + MAX_QUEUED_FRAMES,
                        "-Dlockstep.ws.max-frames-per-second=1000",
                        // silent readers answer no pings: the send bound must cut them, not the
                        // idle timeout
                        "-Dlockstep.ws.idle-timeout-seconds=120"))
                .flatMap(List::stream)
                .toList());
    base = server.base();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (database != null) {
      database.stop();
    }
  }

  private static Server startDatabase() throws SQLException {
    String dir = Path.of("target", "it-data-faults").toAbsolutePath().toString();
    return Server.createTcpServer("-tcpPort", "" + databasePort, "-ifNotExists", "-baseDir", dir)
        .start();
  }

  @Test
  void whileTheDatabaseIsAwayRequestsFailClearlyNothingAcknowledgedIsLostAndServiceReturns()
      throws SQLException {
    String token = devToken(base, Tokens.uniqueUser("steady"), false);
    List<String> acknowledged = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      acknowledged.add(createChat(token, "before " + i));
    }
    String sessionId = createSession(base, token);
    try (WsClient device = WsClient.signedIn(base, token)) {
      subscribe(device, sessionId);
      String answered = prompt(device, sessionId, "/chunks 4 /delay 10 answered before the outage");
      awaitFrame(device, completes(answered));
      Map<Long, String> logBefore = storedTexts(base, token, sessionId);

      database.stop();
      // for the whole 10 s outage: REST says 503 unavailable, the socket says unavailable
      await()
          .during(Duration.ofSeconds(10))
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> isUnavailable(createChatResponse(token, "during the outage")));
      assertTrue(isUnavailable(Lockstep.get(base, "api/chats", token)));
      String refusedPrompt = prompt(device, sessionId, "sent while the database is away");
      JsonObject refused =
          awaitFrame(device, f -> ("p-" + refusedPrompt).equals(f.getString("reply_to", null)));
      assertEquals("error", refused.getString("type"), refused::toString);
      assertEquals("unavailable", refused.getString("code"), refused::toString);
      assertEquals(
          "presence:list",
          device.request("presence:list", "alive").getString("type"),
          "the connection stays open and answers what needs no database");
      database = startDatabase();

      // back without a restart: the pool finds the database again
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> createChatResponse(token, "after the outage").statusCode() == 201);
      var chats =
          json(Lockstep.get(base, "api/chats?size=200", token))
              .getJsonArray("items")
              .getValuesAs(JsonObject.class)
              .stream()
              .map(chat -> chat.getString("id"))
              .toList();
      assertTrue(chats.containsAll(acknowledged), "every chat acknowledged before is there");
      assertEquals(
          logBefore, storedTexts(base, token, sessionId), "the refused prompt left no trace");
      String after = prompt(device, sessionId, "/chunks 4 /delay 10 answered after the outage");
      JsonObject done = awaitFrame(device, completes(after), Duration.ofSeconds(30));
      assertEquals("completed", done.getJsonObject("data").getString("status"));
      String created = createChat(token, "live again");
      awaitFrame(
          device,
          f ->
              f.getString("type").equals("chat:created")
                  && created.equals(f.getJsonObject("chat").getString("id")),
          Duration.ofSeconds(30));
    }
  }

  @Test
  void clientsThatStopReadingAreCutOffAtTheirBoundWhileOthersGetEverythingAndTheHeapStaysFlat()
      throws Exception {
    String token = devToken(base, Tokens.uniqueUser("firehose"), false);
    String sessionId = createSession(base, token);
    long baseline = heapUsedAfterGc();
    List<SilentClient> slow = new ArrayList<>();
    try (WsClient bystander = WsClient.signedIn(base, token)) {
      subscribe(bystander, sessionId);
      for (int i = 0; i < 10; i++) {
        SilentClient client = new SilentClient(base, token, 4096);
        slow.add(client);
        client.sendText(
            Json.createObjectBuilder()
                .add("type", "session:subscribe")
                .add("session_id", sessionId)
                .build()
                .toString());
      }
      String admin = devToken(base, Tokens.uniqueUser("root"), true);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> roomMembers(admin, "session:" + sessionId) == slow.size() + 1);
      // 10 MB of answer, in 2,000 chunks of 5 KB: each slow reader would hold all of it unbounded
      String text = "0123456789".repeat(100);
      String promptId = prompt(bystander, sessionId, "/chunks 2000 /delay 1 /repeat 10000 " + text);
      for (SilentClient client : slow) {
        assertEquals(4001, client.awaitServerClose(), "cut off at the queue bound");
      }
      long whileStreaming = heapUsedAfterGc();
      SessionReplica replica = new SessionReplica(sessionId);
      while (true) {
        JsonObject frame = bystander.next(Duration.ofSeconds(60));
        replica.accept(frame);
        if (completes(promptId).test(frame)) {
          break;
        }
      }
      Map<Long, String> shown = new TreeMap<>();
      replica.events().forEach((seq, held) -> shown.put(seq, held.text()));
      assertEquals(storedTexts(base, token, sessionId), shown, "the reader got every event whole");
      assertEquals(List.of(), replica.duplicates());
      long grown = whileStreaming - baseline;
      LOG.info(
          () ->
              "Heap after GC: "
                  + baseline / 1024 / 1024
                  + " MiB before, "
                  + whileStreaming / 1024 / 1024
                  + " MiB with 10 readers cut off mid-stream");
      // unbounded, the ten queues alone would hold 100 MB of frames
      assertTrue(grown < 48L * 1024 * 1024, () -> "the heap grew by " + grown + " bytes");
    } finally {
      for (SilentClient client : slow) {
        client.close();
      }
    }
  }

  private static int roomMembers(String admin, String room) {
    return Lockstep.jsonArray(Lockstep.get(base, "api/admin/rooms?kind=session", admin))
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(entry -> entry.getString("room").equals(room))
        .mapToInt(entry -> entry.getJsonArray("members").size())
        .sum();
  }

  private static long heapUsedAfterGc() throws Exception {
    var url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
    try (JMXConnector jmx = JMXConnectorFactory.connect(url)) {
      MemoryMXBean memory =
          ManagementFactory.newPlatformMXBeanProxy(
              jmx.getMBeanServerConnection(),
              ManagementFactory.MEMORY_MXBEAN_NAME,
              MemoryMXBean.class);
      memory.gc();
      return memory.getHeapMemoryUsage().getUsed();
    }
  }

  private static boolean isUnavailable(HttpResponse<String> response) {
    return response.statusCode() == 503
        && response.headers().firstValue("Retry-After").isPresent()
        && json(response).getString("code").equals("unavailable");
  }

  private static HttpResponse<String> createChatResponse(String token, String title) {
    return Lockstep.send(
        base,
        "POST",
        "api/chats",
        Json.createObjectBuilder().add("title", title + " " + UUID.randomUUID()).build().toString(),
        token);
  }

  private static String createChat(String token, String title) {
    var created = createChatResponse(token, title);
    assertEquals(201, created.statusCode(), created::body);
    return json(created).getString("id");
  }
}
