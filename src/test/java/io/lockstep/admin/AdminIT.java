package io.lockstep.admin;

import static io.lockstep.it.Lockstep.devToken;
import static io.lockstep.it.Lockstep.json;
import static io.lockstep.it.Lockstep.jsonArray;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.it.Lockstep;
import io.lockstep.it.MicroProcess;
import io.lockstep.it.Tokens;
import io.lockstep.it.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API, the MBeans over a real JMX connection, and readiness while the database goes away
 * and comes back. One Payara Micro, always on an H2 server in this JVM (also in the postgres
 * profile): the test must be able to stop the database and start it again on the same port.
 *
 * <p>Payara only (not in -Pwildfly): it starts its own Payara Micro process, to stop the database
 * under it and to reach it over JMX.
 */
class AdminIT {

  private static final String[] ADMIN_GETS = {
    "api/admin/system",
    "api/admin/connections",
    "api/admin/rooms",
    "api/admin/usage",
    "api/admin/prompts",
    "api/admin/errors",
    "api/admin/nodes",
    "api/admin/audit"
  };
  private static final String[] ADMIN_POSTS = {
    "api/admin/users/someone/disconnect",
    "api/admin/rooms/user:someone/end",
    "api/admin/usage/sweep",
    "api/admin/deployment/announce",
    "api/admin/models/refresh",
  };

  private static int databasePort;
  private static String databaseDir;
  private static Server database;
  private static int jmxPort;
  private static MicroProcess server;
  private static String admin;

  @BeforeAll
  static void start() throws SQLException {
    databasePort = MicroProcess.freePort();
    databaseDir = Path.of("target", "it-data-admin").toAbsolutePath().toString();
    database = startDatabase();
    jmxPort = MicroProcess.freePort();
    server =
        MicroProcess.start(
            "admin",
            Stream.concat(
                    MicroProcess.h2Server(databasePort).stream(),
                    MicroProcess.jmxRemote(jmxPort).stream())
                .toList());
    admin = devToken(server.base(), Tokens.uniqueUser("root"), true);
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

  @Test
  void everyAdminPathRefusesOthersWith403AndStrangersWith401() {
    String user = devToken(server.base(), Tokens.uniqueUser("usr"), false);
    for (String path : ADMIN_GETS) {
      assertEquals(403, Lockstep.get(server.base(), path, user).statusCode(), path);
      assertEquals(401, Lockstep.get(server.base(), path, null).statusCode(), path);
      assertEquals(200, Lockstep.get(server.base(), path, admin).statusCode(), path);
    }
    for (String path : ADMIN_POSTS) {
      var refused = Lockstep.send(server.base(), "POST", path, "{}", user);
      assertEquals(403, refused.statusCode(), path);
      assertEquals("forbidden", json(refused).getString("code"), path);
      assertEquals(401, Lockstep.send(server.base(), "POST", path, "{}", null).statusCode(), path);
    }
  }

  @Test
  void anAdminSeesWhoIsConnectedAndDisconnectsThemAndTheAuditLogSaysWho() {
    String userId = Tokens.uniqueUser("dan");
    String token = devToken(server.base(), userId, false);
    try (WsClient phone = WsClient.signedIn(server.base(), token);
        WsClient laptop = WsClient.signedIn(server.base(), token)) {
      JsonObject listed = connectedUser(userId);
      assertEquals(2, listed.getJsonArray("connections").size(), listed::toString);
      assertTrue(
          rooms().stream().anyMatch(room -> room.getString("room").equals("user:" + userId)));

      var done =
          Lockstep.send(
              server.base(), "POST", "api/admin/users/" + userId + "/disconnect", "", admin);
      assertEquals(200, done.statusCode(), done::body);
      assertEquals("2 connections closed", json(done).getString("outcome"));
      assertEquals(4002, phone.awaitClose().code());
      assertEquals(4002, laptop.awaitClose().code());

      JsonObject entry = auditEntry(json(done).getString("id"));
      assertEquals("user.disconnect", entry.getString("action"));
      assertEquals(userId, entry.getString("target"));
      assertTrue(entry.getString("actor_id").startsWith("root"), entry::toString);
      assertTrue(entry.containsKey("at"), entry::toString);
    }
    try (WsClient back = WsClient.signedIn(server.base(), token)) { // the client may come back
      await().atMost(Duration.ofSeconds(5)).until(() -> connectedUser(userId) != null);
    }
  }

  @Test
  void endingASessionRoomTakesItsObserversOutAndTellsThem() {
    String token = devToken(server.base(), Tokens.uniqueUser("eli"), false);
    var created =
        Lockstep.send(
            server.base(), "POST", "api/sessions", "{\"title\":\"t\",\"model\":\"echo\"}", token);
    String sessionId = json(created).getString("id");
    try (WsClient observer = WsClient.signedIn(server.base(), token)) {
      observer.send(
          Json.createObjectBuilder()
              .add("type", "session:subscribe")
              .add("id", "s")
              .add("session_id", sessionId)
              .build());
      assertEquals("session:subscribed", observer.next("session:subscribed").getString("type"));
      String room = "session:" + sessionId;
      var ended =
          Lockstep.send(server.base(), "POST", "api/admin/rooms/" + room + "/end", "", admin);
      assertEquals(200, ended.statusCode(), ended::body);
      assertEquals("1 members removed", json(ended).getString("outcome"));
      assertEquals(room, observer.next("room:ended").getString("room"));
      assertTrue(rooms().stream().noneMatch(r -> r.getString("room").equals(room)));
    }
    assertEquals(
        400,
        Lockstep.send(server.base(), "POST", "api/admin/rooms/kitchen/end", "", admin)
            .statusCode());
  }

  @Test
  void anAnnouncedDeploymentReachesEveryConnection() {
    String token = devToken(server.base(), Tokens.uniqueUser("fin"), false);
    try (WsClient client = WsClient.signedIn(server.base(), token)) {
      String deploymentId =
          json(Lockstep.get(server.base(), "api/version", null)).getString("deployment_id");
      var announced =
          Lockstep.send(server.base(), "POST", "api/admin/deployment/announce", "", admin);
      assertEquals(200, announced.statusCode(), announced::body);
      assertEquals(deploymentId, client.next("deployment:new").getString("deployment_id"));
    }
  }

  @Test
  void errorFramesSentToClientsAreListedNewestFirst() {
    String userId = Tokens.uniqueUser("gus");
    try (WsClient client =
        WsClient.signedIn(server.base(), devToken(server.base(), userId, false))) {
      client.send("{\"type\":\"no-such-type\",\"id\":\"x\"}");
      assertEquals("bad_request", client.next("error").getString("code"));
      JsonObject newest =
          jsonArray(Lockstep.get(server.base(), "api/admin/errors?limit=5", admin))
              .getJsonObject(0);
      assertEquals("bad_request", newest.getString("code"), newest::toString);
      assertEquals(userId, newest.getString("user_id"), newest::toString);
    }
  }

  @Test
  void theMBeansShowTheLiveStateAndTheirOperationsWorkOverJmx() throws Exception {
    String userId = Tokens.uniqueUser("hoa");
    String token = devToken(server.base(), userId, false);
    var url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
    try (JMXConnector jmx = JMXConnectorFactory.connect(url);
        WsClient client = WsClient.signedIn(server.base(), token)) {
      MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
      ObjectName connections = new ObjectName("io.lockstep:type=Connections");
      assertTrue((Integer) mbeans.getAttribute(connections, "OpenHere") >= 1);
      assertTrue((Integer) mbeans.getAttribute(connections, "Users") >= 1);
      TabularData byKind =
          (TabularData)
              mbeans.getAttribute(new ObjectName("io.lockstep:type=Rooms"), "RoomsByKind");
      assertTrue(kinds(byKind).getOrDefault("user", 0) >= 1, byKind::toString);
      assertEquals(
          json(Lockstep.get(server.base(), "api/version", null)).getString("deployment_id"),
          mbeans.getAttribute(new ObjectName("io.lockstep:type=Deployment"), "DeploymentId"));

      Object outcome =
          mbeans.invoke(
              connections,
              "disconnectUser",
              new Object[] {userId},
              new String[] {String.class.getName()});
      assertEquals("1 connections closed", outcome);
      assertEquals(4002, client.awaitClose().code());
      JsonObject entry =
          jsonArray(Lockstep.get(server.base(), "api/admin/audit?limit=20", admin))
              .getValuesAs(JsonObject.class)
              .stream()
              .filter(e -> userId.equals(e.getString("target", null)))
              .findFirst()
              .orElseThrow();
      assertEquals("jmx", entry.getString("actor_id"));

      Object swept = mbeans.invoke(new ObjectName("io.lockstep:type=Usage"), "sweep", null, null);
      assertTrue(swept.toString().endsWith("stale entries removed"), swept::toString);
    }
  }

  @Test
  void metricsMoveWhenWhatTheyCountHappens() {
    String before = scrape();
    String token = devToken(server.base(), Tokens.uniqueUser("ivy"), false);
    try (WsClient client = WsClient.signedIn(server.base(), token)) {
      var created =
          Lockstep.send(
              server.base(), "POST", "api/sessions", "{\"title\":\"m\",\"model\":\"echo\"}", token);
      String sessionId = json(created).getString("id");
      client.next("session:created"); // a room delivery
      client.send("{\"type\":\"presence:list\",\"id\":\"p\"}");
      client.next("presence:list");
      client.send("{\"type\":\"presence:list\",\"id\":42}");
      assertEquals("bad_request", client.next("error").getString("code"));
      client.send(
          Json.createObjectBuilder()
              .add("type", "load_events")
              .add("id", "l")
              .add("session_id", sessionId)
              .add("after_seq", 0)
              .build());
      client.next("events_loaded");
      String during = scrape();
      assertTrue(
          value(during, "lockstep_connections_open", "") >= 1,
          () -> line(during, "lockstep_connections_open"));
      assertTrue(value(during, "lockstep_users_signed_in", "") >= 1);
      assertIncreased(before, during, "lockstep_frames_in_total", "type=\"presence:list\"");
      assertIncreased(before, during, "lockstep_frames_out_total", "type=\"welcome\"");
      assertIncreased(before, during, "lockstep_errors_total", "code=\"bad_request\"");
      assertIncreased(before, during, "lockstep_replay_requests_total", "");
      assertIncreased(before, during, "lockstep_events_appended_total", "stream=\"user\"");
      assertIncreased(before, during, "lockstep_delivery_latency_seconds_count", "");
      assertTrue(value(during, "lockstep_rooms", "kind=\"user\"") >= 1);
    }
  }

  @Test
  void readinessGoesDownWhileTheDatabaseIsAwayAndUpWhenItReturns() throws SQLException {
    assertEquals(200, ready());
    database.stop();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> ready() == 503);
    assertEquals(200, live(), "alive all along: the orchestrator must not restart it");
    database = startDatabase();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> ready() == 200);
    assertEquals(
        200,
        Lockstep.get(server.base(), "api/admin/audit", admin).statusCode(),
        "queries work again");
  }

  private static String scrape() {
    var response = Lockstep.get(server.base(), "metrics", null);
    assertEquals(200, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
        response.headers()::toString);
    return response.body();
  }

  private static void assertIncreased(String before, String after, String name, String labels) {
    double was = value(before, name, labels);
    double is = value(after, name, labels);
    assertTrue(is > was, () -> name + "{" + labels + "} went from " + was + " to " + is);
  }

  /** A sample's value, 0 if absent; {@code labels} is one label pair to match, or empty. */
  private static double value(String scrape, String name, String labels) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> labels.isEmpty() || l.contains(labels))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static String line(String scrape, String name) {
    return scrape.lines().filter(l -> l.startsWith(name)).toList().toString();
  }

  private static Server startDatabase() throws SQLException {
    return Server.createTcpServer(
            "-tcpPort", "" + databasePort, "-ifNotExists", "-baseDir", databaseDir)
        .start();
  }

  private static int ready() {
    return status(server.root().resolve("health/ready"));
  }

  private static int live() {
    return status(server.root().resolve("health/live"));
  }

  private static int status(URI uri) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (java.io.IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static JsonObject connectedUser(String userId) {
    return jsonArray(Lockstep.get(server.base(), "api/admin/connections", admin))
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(user -> user.getString("user_id").equals(userId))
        .findFirst()
        .orElse(null);
  }

  private static List<JsonObject> rooms() {
    JsonArray rooms = jsonArray(Lockstep.get(server.base(), "api/admin/rooms", admin));
    return rooms.getValuesAs(JsonObject.class);
  }

  private static JsonObject auditEntry(String id) {
    return jsonArray(Lockstep.get(server.base(), "api/admin/audit", admin))
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(entry -> entry.getString("id").equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no audit entry " + id));
  }

  private static Map<String, Integer> kinds(TabularData table) {
    Map<String, Integer> kinds = new java.util.TreeMap<>();
    for (Object row : table.values()) {
      CompositeData data = (CompositeData) row;
      kinds.put((String) data.get("key"), (Integer) data.get("value"));
    }
    return kinds;
  }
}
