package io.lockstep.cluster;

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
import io.lockstep.it.Tokens;
import io.lockstep.it.WsClient;
import io.lockstep.notes.YjsClients;
import io.lockstep.sessions.SessionReplica;
import io.lockstep.yjs.Awareness;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Payara Micro nodes on loopback, clustered by Payara's Hazelcast (tcpip discovery), on one
 * database: an H2 server in this JVM (two processes cannot share an embedded H2 file), or the
 * PostgreSQL of the {@code postgres} profile. One pair of nodes serves every test.
 *
 * <p>Payara only (not in -Pwildfly): the cluster is Payara Micro's Hazelcast, and the test starts
 * the nodes itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static Server h2;
  private static MicroProcess node1;
  private static MicroProcess node2;
  private static String datasourceUrl;

  @BeforeAll
  static void startTwoNodes() throws SQLException {
    String url = System.getProperty("lockstep.it.datasource.url");
    if (url.startsWith("jdbc:h2:")) {
      int port = MicroProcess.freePort();
      String dir = Path.of("target", "it-data-cluster").toAbsolutePath().toString();
      h2 = Server.createTcpServer("-tcpPort", "" + port, "-ifNotExists", "-baseDir", dir).start();
      url = "jdbc:h2:tcp://127.0.0.1:" + port + "/lockstep";
    }
    datasourceUrl = url;
    int grid1 = MicroProcess.freePort();
    int grid2 = MicroProcess.freePort();
    node1 = MicroProcess.startNode("n1", grid1, List.of(grid1, grid2), url);
    node2 = MicroProcess.startNode("n2", grid2, List.of(grid1, grid2), url);
    String admin = devToken(node1.base(), Tokens.uniqueUser("root"), true);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> nodes(node1.base(), admin) == 2 && nodes(node2.base(), admin) == 2);
  }

  @AfterAll
  static void stopNodes() {
    if (node2 != null) {
      node2.close();
    }
    if (node1 != null) {
      node1.close();
    }
    if (h2 != null) {
      h2.stop();
    }
  }

  @Test
  void bothNodesNameOneDeploymentSoAClientMovingBetweenThemDoesNotReload() {
    String id1 = json(Lockstep.get(node1.base(), "api/version", null)).getString("deployment_id");
    String id2 = json(Lockstep.get(node2.base(), "api/version", null)).getString("deployment_id");
    assertEquals(id1, id2);
  }

  @Test
  void aChatChangedThroughOneNodeReachesTheOwnersDevicesOnBothNodes() {
    String token = devToken(node1.base(), Tokens.uniqueUser("ann"), false);
    try (WsClient onNode1 = WsClient.signedIn(node1.base(), token);
        WsClient onNode2 = WsClient.signedIn(node2.base(), token)) {
      var created =
          Lockstep.send(node1.base(), "POST", "api/chats", "{\"title\":\"both nodes\"}", token);
      assertEquals(201, created.statusCode(), created::body);
      String id = json(created).getString("id");
      JsonObject here = onNode1.next("chat:created");
      JsonObject there = onNode2.next("chat:created");
      assertEquals(id, here.getJsonObject("chat").getString("id"), here::toString);
      assertEquals(here, there);
    }
  }

  @Test
  void anAgentStreamOnOneNodeIsObservedLiveFromTheOtherWithTheSameSeqs() {
    String token = devToken(node1.base(), Tokens.uniqueUser("bo"), false);
    String sessionId = createSession(node1.base(), token);
    try (WsClient prompter = WsClient.signedIn(node1.base(), token);
        WsClient observer = WsClient.signedIn(node2.base(), token)) {
      subscribe(observer, sessionId);
      subscribe(prompter, sessionId);
      String promptId = UUID.randomUUID().toString();
      prompter.send(
          Json.createObjectBuilder()
              .add("type", "prompt")
              .add("id", "p")
              .add("session_id", sessionId)
              .add("prompt_id", promptId)
              .add("text", "/chunks 30 /delay 20 every chunk crosses the cluster once")
              .build());
      SessionReplica near = follow(prompter, sessionId, completes(promptId));
      SessionReplica far = follow(observer, sessionId, completes(promptId));
      Map<Long, String> stored = storedTexts(node2.base(), token, sessionId);
      assertEquals(stored, texts(near));
      assertEquals(stored, texts(far));
      assertEquals(List.of(), far.duplicates());
      assertEquals(List.of(), far.gaps());
    }
  }

  @Test
  void anObserverSubscribingOnTheOtherNodeMidAnswerGetsTheTextSoFarThenTheRest() {
    String token = devToken(node1.base(), Tokens.uniqueUser("kim"), false);
    String sessionId = createSession(node1.base(), token);
    try (WsClient prompter = WsClient.signedIn(node1.base(), token);
        WsClient late = WsClient.signedIn(node2.base(), token)) {
      subscribe(prompter, sessionId);
      String promptId =
          prompt(prompter, sessionId, "/chunks 100 /repeat 10 /delay 30 joined in the middle");
      JsonObject start =
          awaitFrame(
              prompter,
              f -> f.getString("type").equals("agent_message") && f.getInt("offset", -1) >= 0);
      long answerSeq = start.getJsonNumber("seq").longValue();
      subscribe(late, sessionId);
      SessionReplica replica = follow(late, sessionId, completes(promptId));
      Map<Long, String> stored = storedTexts(node1.base(), token, sessionId);
      assertEquals(stored.get(answerSeq), texts(replica).get(answerSeq), replica.order()::toString);
      assertEquals(List.of(), replica.duplicates());
    }
  }

  @Test
  void aCancelOnTheOtherNodeStopsThePromptWhereItRuns() {
    String token = devToken(node1.base(), Tokens.uniqueUser("lea"), false);
    String sessionId = createSession(node1.base(), token);
    try (WsClient prompter = WsClient.signedIn(node1.base(), token);
        WsClient canceller = WsClient.signedIn(node2.base(), token)) {
      subscribe(prompter, sessionId);
      String promptId =
          prompt(prompter, sessionId, "/chunks 500 /repeat 50 /delay 40 a long answer to stop");
      awaitFrame(prompter, f -> f.getString("type").equals("agent_message"));
      canceller.send(
          Json.createObjectBuilder()
              .add("type", "cancel")
              .add("id", "c")
              .add("session_id", sessionId)
              .build());
      JsonObject ack = awaitFrame(canceller, f -> "c".equals(f.getString("reply_to", null)));
      assertEquals("cancel_ack", ack.getString("type"), ack::toString);
      assertTrue(ack.getBoolean("cancelled"), ack::toString);
      JsonObject complete = awaitFrame(prompter, completes(promptId));
      assertEquals(
          "cancelled", complete.getJsonObject("data").getString("status"), complete::toString);
    }
  }

  @Test
  void presenceListsTheSignedInUsersOfBothNodes() {
    String carl = Tokens.uniqueUser("carl");
    String dora = Tokens.uniqueUser("dora");
    try (WsClient onNode1 = WsClient.signedIn(node1.base(), devToken(node1.base(), carl, false));
        WsClient onNode2 = WsClient.signedIn(node2.base(), devToken(node2.base(), dora, false))) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> presence(onNode1).containsAll(List.of(carl, dora)));
      assertTrue(presence(onNode2).containsAll(List.of(carl, dora)));
    }
  }

  @Test
  void twoEditorsOnDifferentNodesConvergeAndSeeEachOtherAsMembers() {
    String owner = Tokens.uniqueUser("hal");
    String token = devToken(node1.base(), owner, false);
    var created = Lockstep.send(node1.base(), "POST", "api/notes", "{\"title\":\"shared\"}", token);
    assertEquals(201, created.statusCode(), created::body);
    String noteId = json(created).getString("id");
    try (YjsClients near = new YjsClients(node1.base());
        YjsClients far = new YjsClients(node2.base());
        WsClient member1 = WsClient.signedIn(node1.base(), token);
        WsClient member2 = WsClient.signedIn(node2.base(), token)) {
      near.open("a", noteId, token);
      far.open("b", noteId, token);
      near.insert("a", 0, "written on node 1. ");
      far.awaitText("b", "written on node 1. ");
      far.insert("b", 19, "And on node 2.");
      near.awaitText("a", "written on node 1. And on node 2.");
      assertEquals(near.text("a"), far.text("b"));

      List<String> seenOnNode1 = sessions(join(member1, noteId));
      List<String> seenOnNode2 = sessions(join(member2, noteId));
      assertTrue(seenOnNode2.containsAll(seenOnNode1), seenOnNode1 + " " + seenOnNode2);
      assertEquals(seenOnNode1.size() + 1, seenOnNode2.size(), seenOnNode2::toString);
      JsonObject joined =
          awaitFrame(
              member1,
              f ->
                  f.getString("type")
                      .equals("ydoc:user:joined")); // node 1 hears of node 2's member
      assertTrue(seenOnNode2.contains(joined.getString("session_id")), joined::toString);
    }
  }

  @Test
  void aMemberJoiningOnOneNodeSeesTheCursorsOfMembersOnTheOther() {
    String token = devToken(node1.base(), Tokens.uniqueUser("kim"), false);
    String noteId = createNote(node1.base(), token);
    try (WsClient far = WsClient.signedIn(node2.base(), token);
        WsClient witness = WsClient.signedIn(node1.base(), token);
        WsClient late = WsClient.signedIn(node1.base(), token)) {
      join(far, noteId);
      join(witness, noteId);
      far.send(awareness(noteId, 4242, 1, "{\"user\":{\"name\":\"far away\"}}"));
      assertEquals(
          List.of(new Awareness.Entry(4242, 1, "{\"user\":{\"name\":\"far away\"}}")),
          awarenessOf(awaitFrame(witness, isAwarenessOf(noteId))));

      join(late, noteId);
      assertEquals(
          List.of(new Awareness.Entry(4242, 1, "{\"user\":{\"name\":\"far away\"}}")),
          awarenessOf(awaitFrame(late, isAwarenessOf(noteId))));
    }
  }

  @Test
  void readinessReportsTheDataGridWithBothNodes() throws Exception {
    var ready =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(node2.root().resolve("health/ready")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, ready.statusCode(), ready::body);
    JsonObject grid =
        json(ready).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
            .filter(check -> check.getString("name").equals("data-grid"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(ready.body()));
    assertEquals("UP", grid.getString("status"));
    // Payara writes health data as strings
    assertEquals("2", grid.getJsonObject("data").get("nodes").toString().replace("\"", ""));
  }

  @Test
  void anAdminDisconnectsAUserOnEveryNodeAndTheUserComesBack() {
    String userId = Tokens.uniqueUser("lea");
    String token = devToken(node1.base(), userId, false);
    String admin = devToken(node1.base(), Tokens.uniqueUser("op"), true);
    try (WsClient onNode1 = WsClient.signedIn(node1.base(), token);
        WsClient onNode2 = WsClient.signedIn(node2.base(), token)) {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> connectionNodes(node2.base(), admin, userId).size() == 2);
      var done =
          Lockstep.send(
              node1.base(), "POST", "api/admin/users/" + userId + "/disconnect", "", admin);
      assertEquals(200, done.statusCode(), done::body);
      assertEquals("2 connections closed", json(done).getString("outcome"));
      assertEquals(4002, onNode1.awaitClose().code());
      assertEquals(4002, onNode2.awaitClose().code());
    }
    try (WsClient again1 = WsClient.signedIn(node1.base(), token);
        WsClient again2 = WsClient.signedIn(node2.base(), token)) {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> connectionNodes(node1.base(), admin, userId).size() == 2);
    }
  }

  /**
   * The usage pool is cluster-wide, and its sweep runs on every node at once (Payara does not
   * coordinate timers): a report made on one node is listed on both, and the stale entry is removed
   * once, without either node's sweep failing the other's.
   */
  @Test
  void usageIsClusterWideAndSweptWhileEveryNodeSweeps() {
    String model = "mistral-" + Tokens.uniqueUser("m");
    try (WsClient onNode1 =
            WsClient.signedIn(
                node1.base(), devToken(node1.base(), Tokens.uniqueUser("ida"), false));
        WsClient onNode2 =
            WsClient.signedIn(
                node2.base(), devToken(node2.base(), Tokens.uniqueUser("jon"), false))) {
      onNode1.send(
          Json.createObjectBuilder()
              .add("type", "usage")
              .add("id", "u")
              .add("model", model)
              .build());
      assertEquals(
          "u",
          awaitFrame(onNode1, f -> "u".equals(f.getString("reply_to", null)))
              .getString("reply_to"));
      await().atMost(Duration.ofSeconds(5)).until(() -> connectionsUsing(onNode2, model) == 1);
      assertEquals(1, connectionsUsing(onNode1, model));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> connectionsUsing(onNode1, model) == 0 && connectionsUsing(onNode2, model) == 0);
    }
  }

  @Test
  void anEventWhoseNodeDiedBeforeDeliveringItReachesEveryDeviceBeforeTheNextOne()
      throws SQLException {
    String user = Tokens.uniqueUser("hal");
    String token = devToken(node1.base(), user, false);
    try (WsClient onNode1 = WsClient.signedIn(node1.base(), token);
        WsClient onNode2 = WsClient.signedIn(node2.base(), token)) {
      long lost = commitWithoutDelivery(user);
      var created =
          Lockstep.send(node2.base(), "POST", "api/chats", "{\"title\":\"after it\"}", token);
      assertEquals(201, created.statusCode(), created::body);
      for (WsClient device : List.of(onNode1, onNode2)) {
        JsonObject first = awaitFrame(device, f -> f.containsKey("seq"));
        JsonObject second = awaitFrame(device, f -> f.containsKey("seq"));
        assertEquals(lost, first.getJsonNumber("seq").longValue(), first::toString);
        assertEquals("settings:updated", first.getString("type"));
        assertEquals(lost + 1, second.getJsonNumber("seq").longValue(), second::toString);
        assertEquals("chat:created", second.getString("type"));
      }
    }
  }

  /**
   * What a node leaves behind that dies between its commit and its delivery: the next event of the
   * user's stream, stored, and sent to nobody. Returns its seq.
   */
  private static long commitWithoutDelivery(String userId) throws SQLException {
    String stream = "user:" + userId;
    try (java.sql.Connection db =
        java.sql.DriverManager.getConnection(
            datasourceUrl,
            System.getProperty("lockstep.it.datasource.user"),
            System.getProperty("lockstep.it.datasource.password"))) {
      db.setAutoCommit(false);
      long seq;
      try (var head =
          db.prepareStatement("SELECT last_seq FROM stream_heads WHERE stream = ? FOR UPDATE")) {
        head.setString(1, stream);
        try (var row = head.executeQuery()) {
          boolean exists = row.next();
          seq = exists ? row.getLong(1) + 1 : 1;
          if (!exists) {
            try (var insert =
                db.prepareStatement("INSERT INTO stream_heads (stream, last_seq) VALUES (?, 0)")) {
              insert.setString(1, stream);
              insert.executeUpdate();
            }
          }
        }
      }
      try (var event =
          db.prepareStatement(
              "INSERT INTO stream_events (stream, seq, type, payload, created_at)"
                  + " VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
        event.setString(1, stream);
        event.setLong(2, seq);
        event.setString(3, "settings:updated");
        event.setString(
            4,
            Json.createObjectBuilder()
                .add("type", "settings:updated")
                .add("seq", seq)
                .add("settings", Json.createObjectBuilder().add("theme", "committed, never sent"))
                .build()
                .toString());
        event.executeUpdate();
      }
      try (var head =
          db.prepareStatement("UPDATE stream_heads SET last_seq = ? WHERE stream = ?")) {
        head.setLong(1, seq);
        head.setString(2, stream);
        head.executeUpdate();
      }
      db.commit();
      return seq;
    }
  }

  /** Last: it kills node 2. */
  @Test
  @Order(Integer.MAX_VALUE)
  void whenANodeDiesItsClientsResumeOnTheOtherWithEveryEventOnceAndItsConnectionsLeaveThePools()
      throws SQLException {
    String user = Tokens.uniqueUser("eve");
    String token = devToken(node1.base(), user, false);
    String watcher = Tokens.uniqueUser("fay");
    String sessionId = createSession(node1.base(), token);
    String runsOnDoomedNode = createSession(node1.base(), token);
    String noteId = createNote(node1.base(), token);
    String quiet = Tokens.uniqueUser("ivy");
    try (WsClient quietOnNode1 =
            WsClient.signedIn(node1.base(), devToken(node1.base(), quiet, false));
        WsClient prompter = WsClient.signedIn(node1.base(), token);
        WsClient onDoomedNode = WsClient.signedIn(node2.base(), token);
        WsClient editorOnDoomedNode = WsClient.signedIn(node2.base(), token);
        WsClient survivor = WsClient.signedIn(node1.base(), token);
        WsClient bystander =
            WsClient.signedIn(node2.base(), devToken(node2.base(), watcher, false));
        WsClient presenceOnNode1 =
            WsClient.signedIn(
                node1.base(), devToken(node1.base(), Tokens.uniqueUser("gil"), false))) {
      assertTrue(presence(presenceOnNode1).contains(watcher));
      // on node 2: a note's member with a cursor, and a prompt that runs there
      join(survivor, noteId);
      String doomedMember = memberId(join(editorOnDoomedNode, noteId), survivor);
      editorOnDoomedNode.send(awareness(noteId, 7, 1, "{\"user\":{\"name\":\"doomed\"}}"));
      awaitFrame(survivor, isAwarenessOf(noteId));
      subscribe(survivor, runsOnDoomedNode);
      prompt(editorOnDoomedNode, runsOnDoomedNode, "/chunks 500 /repeat 50 /delay 40 never ends");
      awaitFrame(
          survivor,
          f -> runsOnDoomedNode.equals(f.getString("session_id", null)) && f.containsKey("offset"));

      subscribe(onDoomedNode, sessionId);
      String promptId = UUID.randomUUID().toString();
      prompter.send(
          Json.createObjectBuilder()
              .add("type", "prompt")
              .add("id", "p")
              .add("session_id", sessionId)
              .add("prompt_id", promptId)
              .add("text", "/chunks 60 /delay 40 the stream goes on while a node dies")
              .build());
      SessionReplica replica = new SessionReplica(sessionId);
      while (replica.lastSeq() < 5) { // the answer streams: kill node 2 in the middle of it
        replica.accept(onDoomedNode.next());
      }
      // node 2 commits an event of a user on node 1 as its last act: no later event shows the gap
      long lastActOfNode2 = commitWithoutDelivery(quiet);
      node2.kill();

      // as a client does: resume after the last event held whole (the streaming one comes again)
      long held = replica.lastSeq();
      boolean streaming =
          List.of("agent_message", "agent_thought").contains(replica.events().get(held).type());
      long resumeAfter = streaming ? held - 1 : held;
      SessionReplica resumed = new SessionReplica(sessionId);
      try (WsClient again = WsClient.signedIn(node1.base(), token)) {
        subscribe(again, sessionId);
        String id = "load-" + UUID.randomUUID();
        again.send(
            Json.createObjectBuilder()
                .add("type", "load_events")
                .add("id", id)
                .add("session_id", sessionId)
                .add("after_seq", resumeAfter)
                .add("limit", 500)
                .build());
        while (resumed.events().values().stream()
            .noneMatch(e -> e.type().equals("prompt_complete"))) {
          resumed.accept(again.next());
        }
      }
      Map<Long, String> shown = new TreeMap<>(texts(replica));
      shown.keySet().removeIf(seq -> seq > resumeAfter);
      assertTrue(
          resumed.events().keySet().stream().allMatch(seq -> seq > resumeAfter),
          resumed.order()::toString);
      shown.putAll(texts(resumed));
      assertEquals(storedTexts(node1.base(), token, sessionId), shown);
      assertEquals(List.of(), replica.duplicates());
      assertEquals(List.of(), resumed.duplicates());

      await()
          .atMost(Duration.ofSeconds(45))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> !presence(presenceOnNode1).contains(watcher));

      // once node 1 sees node 2 gone, its connections are sent what node 2 committed last
      JsonObject recovered =
          awaitFrame(quietOnNode1, f -> f.containsKey("seq"), Duration.ofSeconds(30));
      assertEquals(lastActOfNode2, recovered.getJsonNumber("seq").longValue(), recovered::toString);

      // the note's members on node 1 hear that node 2's member left, and its cursor goes
      JsonObject cursorGone = awaitFrame(survivor, isAwarenessOf(noteId), Duration.ofSeconds(30));
      assertEquals(List.of(new Awareness.Entry(7, 2, "null")), awarenessOf(cursorGone));
      JsonObject left = awaitFrame(survivor, f -> f.getString("type").equals("ydoc:user:left"));
      assertEquals(doomedMember, left.getString("session_id"), left::toString);

      // the prompt that ran on node 2 is closed as interrupted, and the session takes prompts again
      JsonObject interrupted =
          awaitFrame(
              survivor,
              f ->
                  runsOnDoomedNode.equals(f.getString("session_id", null))
                      && f.getString("type").equals("prompt_complete"),
              Duration.ofSeconds(45));
      assertEquals(
          "interrupted",
          interrupted.getJsonObject("data").getString("status"),
          interrupted::toString);
      String next = prompt(survivor, runsOnDoomedNode, "after the crash");
      assertEquals(
          "completed",
          awaitFrame(survivor, completes(next)).getJsonObject("data").getString("status"));
    }
  }

  /** The nodes of the user's connections, as the admin API on the given node lists them. */
  private static java.util.Set<String> connectionNodes(URI base, String admin, String userId) {
    return Lockstep.jsonArray(Lockstep.get(base, "api/admin/connections", admin))
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(user -> user.getString("user_id").equals(userId))
        .flatMap(user -> user.getJsonArray("connections").getValuesAs(JsonObject.class).stream())
        .map(connection -> connection.getString("node"))
        .collect(java.util.stream.Collectors.toSet());
  }

  private static JsonObject awareness(String noteId, long clientId, long clock, String state) {
    byte[] update = Awareness.encode(List.of(new Awareness.Entry(clientId, clock, state)));
    return Json.createObjectBuilder()
        .add("type", "ydoc:awareness:update")
        .add("document_id", noteId)
        .add("update", Base64.getEncoder().encodeToString(update))
        .build();
  }

  private static Predicate<JsonObject> isAwarenessOf(String noteId) {
    return f ->
        f.getString("type").equals("ydoc:awareness:update")
            && noteId.equals(f.getString("document_id", null));
  }

  private static List<Awareness.Entry> awarenessOf(JsonObject frame) {
    return Awareness.decode(Base64.getDecoder().decode(frame.getString("update")));
  }

  /** The member id of the connection that joined, as another member heard of it. */
  private static String memberId(JsonObject state, WsClient otherMember) {
    JsonObject joined =
        awaitFrame(otherMember, f -> f.getString("type").equals("ydoc:user:joined"));
    assertTrue(sessions(state).contains(joined.getString("session_id")), joined::toString);
    return joined.getString("session_id");
  }

  private static String createNote(URI base, String token) {
    var created = Lockstep.send(base, "POST", "api/notes", "{\"title\":\"clustered\"}", token);
    assertEquals(201, created.statusCode(), created::body);
    return json(created).getString("id");
  }

  private static JsonObject join(WsClient client, String noteId) {
    client.send(
        Json.createObjectBuilder()
            .add("type", "ydoc:document:join")
            .add("id", "j")
            .add("document_id", noteId)
            .build());
    JsonObject state = awaitFrame(client, f -> "j".equals(f.getString("reply_to", null)));
    assertEquals("ydoc:document:state", state.getString("type"), state::toString);
    return state;
  }

  private static int connectionsUsing(WsClient client, String model) {
    String id = "ul-" + UUID.randomUUID();
    client.send(Json.createObjectBuilder().add("type", "usage:list").add("id", id).build());
    return awaitFrame(client, f -> id.equals(f.getString("reply_to", null)))
        .getJsonArray("models")
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(m -> m.getString("model").equals(model))
        .mapToInt(m -> m.getInt("connections"))
        .sum();
  }

  private static List<String> sessions(JsonObject state) {
    return state.getJsonArray("sessions").getValuesAs(JsonObject.class).stream()
        .map(member -> member.getString("session_id"))
        .toList();
  }

  private static int nodes(URI base, String adminToken) {
    var system = Lockstep.get(base, "api/admin/system", adminToken);
    return system.statusCode() == 200 ? json(system).getJsonArray("nodes").size() : 0;
  }

  private static List<String> presence(WsClient client) {
    String id = "presence-" + UUID.randomUUID();
    client.send(Json.createObjectBuilder().add("type", "presence:list").add("id", id).build());
    JsonObject reply = awaitFrame(client, f -> id.equals(f.getString("reply_to", null)));
    return reply.getJsonArray("users").getValuesAs(JsonObject.class).stream()
        .map(user -> user.getString("id"))
        .toList();
  }

  private static SessionReplica follow(
      WsClient client, String sessionId, Predicate<JsonObject> end) {
    SessionReplica replica = new SessionReplica(sessionId);
    while (true) {
      JsonObject frame = client.next();
      replica.accept(frame);
      if (end.test(frame)) {
        return replica;
      }
    }
  }

  private static Map<Long, String> texts(SessionReplica replica) {
    Map<Long, String> texts = new TreeMap<>();
    replica.events().forEach((seq, held) -> texts.put(seq, held.text()));
    return texts;
  }
}
