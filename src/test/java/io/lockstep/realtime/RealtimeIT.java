package io.lockstep.realtime;

import static io.lockstep.it.Lockstep.devToken;
import static io.lockstep.it.Lockstep.get;
import static io.lockstep.it.Lockstep.json;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.it.DeployedLockstep;
import io.lockstep.it.SilentClient;
import io.lockstep.it.Tokens;
import io.lockstep.it.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * /ws with real WebSocket clients and real signed tokens. The deployment runs with short limits
 * (pom.xml): join timeout 2 s, idle timeout 3 s, pings every second, usage timeout 2 s, frames of
 * at most 64 KiB, 40 frames a second.
 */
class RealtimeIT extends DeployedLockstep {

  /** Found by the connection benchmark: the losers of the insert race were closed with 4408. */
  @Test
  void aNewUsersFirstSignInsAtOnceAllGetWelcome() throws Exception {
    String token = devToken(base, Tokens.uniqueUser("crowd"), false);
    List<WsClient> clients = new java.util.ArrayList<>();
    var executor = java.util.concurrent.Executors.newFixedThreadPool(12);
    try {
      var joining = new java.util.ArrayList<java.util.concurrent.Future<WsClient>>();
      var start = new java.util.concurrent.CountDownLatch(1);
      for (int i = 0; i < 12; i++) {
        joining.add(
            executor.submit(
                () -> {
                  WsClient client = WsClient.connect(base);
                  start.await();
                  client.send(join("j", token));
                  return client;
                }));
      }
      start.countDown();
      for (var future : joining) {
        clients.add(future.get());
      }
      for (WsClient client : clients) {
        assertEquals("welcome", client.next().getString("type"));
      }
    } finally {
      executor.shutdownNow();
      clients.forEach(WsClient::close);
    }
  }

  @Test
  void signInIsAnsweredWithWelcome() {
    String name = Tokens.uniqueUser("alice");
    String version = json(get(base, "api/version", null)).getString("deployment_id");
    try (WsClient client = WsClient.connect(base)) {
      client.send(join("j1", devToken(base, name, false)));
      JsonObject welcome = client.next("welcome");
      assertEquals("j1", welcome.getString("reply_to"));
      assertEquals(name, welcome.getJsonObject("user").getString("id"));
      assertEquals("user", welcome.getJsonObject("user").getString("role"));
      assertFalse(welcome.getString("connection_id").isBlank());
      assertFalse(welcome.getString("version").isBlank());
      assertEquals(version, welcome.getString("deployment_id"));
      long serverTime = welcome.getJsonNumber("server_time").longValue();
      assertTrue(Math.abs(serverTime - System.currentTimeMillis()) < 60_000, "server_time");
    }
  }

  @Test
  void bearerTokenOnTheHandshakeSignsInToo() {
    String name = Tokens.uniqueUser("hank");
    try (WsClient client = WsClient.connectWithBearer(base, devToken(base, name, false))) {
      JsonObject welcome = client.next("welcome");
      assertEquals(name, welcome.getJsonObject("user").getString("id"));
    }
  }

  /** The handshake's token must reach its own connection, even when handshakes overlap. */
  @Test
  void concurrentBearerHandshakesEachSignInAsTheirOwnUser() throws Exception {
    List<String> names =
        java.util.stream.IntStream.range(0, 24).mapToObj(i -> Tokens.uniqueUser("par")).toList();
    Map<String, String> tokens = new java.util.HashMap<>();
    for (String name : names) {
      tokens.put(name, devToken(base, name, false));
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(names.size());
    try {
      var start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
      for (String name : names) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  try (WsClient client = WsClient.connectWithBearer(base, tokens.get(name))) {
                    return client.next("welcome").getJsonObject("user").getString("id");
                  }
                }));
      }
      start.countDown();
      for (int i = 0; i < names.size(); i++) {
        assertEquals(names.get(i), answers.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void everyConnectionOfAUserGetsItsRoomEventsAndNobodyElse() {
    String alice = Tokens.uniqueUser("alice");
    String bob = Tokens.uniqueUser("bob");
    try (WsClient phone = WsClient.signedIn(base, devToken(base, alice, false));
        WsClient laptop = WsClient.signedIn(base, devToken(base, alice, false));
        WsClient other = WsClient.signedIn(base, devToken(base, bob, false))) {
      // Alice signs in on REST with a new display name: her record changes and commits
      String renamed =
          Tokens.sign(
              Tokens.serverDevKey(), Tokens.claims(alice).claim("name", "Alice Liddell").build());
      assertEquals(200, get(base, "api/users/me", renamed).statusCode());

      for (WsClient device : List.of(phone, laptop)) {
        JsonObject update = device.next("user:updated");
        assertEquals(alice, update.getString("id"));
        assertEquals("Alice Liddell", update.getString("name"));
      }
      // Had anything reached Bob, it would have been queued before his reply to this request
      other.request("presence:list", "after");
      assertTrue(other.hasNoPendingFrames());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"expired", "foreign-key", "unsigned", "wrong-issuer", "garbage", "missing"})
  void badTokensCloseTheConnectionWith4401(String kind) {
    String subject = Tokens.uniqueUser("mallory");
    String token = Tokens.bad(kind, subject);
    try (WsClient client = WsClient.connect(base)) {
      var frame = Json.createObjectBuilder().add("type", "user-join");
      if (token != null) {
        frame.add("token", token);
      }
      client.send(frame.build());
      WsClient.Closed closed = client.awaitClose();
      assertEquals(4401, closed.code(), closed.reason());
      assertFalse(closed.reason().isBlank());
    }
  }

  /** A bad bearer token on the handshake is refused by MicroProfile JWT before the upgrade. */
  @Test
  void badHandshakeTokenIsRefusedWith401() {
    var refused =
        assertThrows(
            CompletionException.class,
            () -> WsClient.connectWithBearer(base, Tokens.expired(Tokens.uniqueUser("eve"))));
    var handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
    assertEquals(401, handshake.getResponse().statusCode());
  }

  @Test
  void aConnectionThatNeverSignsInIsClosedAfterTheJoinTimeout() {
    try (WsClient client = WsClient.connect(base)) {
      WsClient.Closed closed = client.awaitClose();
      assertEquals(4408, closed.code(), closed.reason());
    }
  }

  @Test
  void framesBeforeSignInAreRefusedButTheConnectionMaySignInAfter() {
    try (WsClient client = WsClient.connect(base)) {
      JsonObject refused = client.request("presence:list", "early");
      assertError(refused, "unauthorized");
      client.send(join("late", devToken(base, Tokens.uniqueUser("tom"), false)));
      assertEquals("late", client.next("welcome").getString("reply_to"));
      JsonObject again = client.request("user-join", "twice");
      assertError(again, "conflict");
    }
  }

  @Test
  void heartbeatMovesLastActiveAt() {
    String name = Tokens.uniqueUser("ivy");
    String token = devToken(base, name, false);
    Instant before =
        Instant.parse(json(get(base, "api/users/me", token)).getString("last_active_at"));
    try (WsClient client = WsClient.signedIn(base, token)) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  Instant.parse(client.request("heartbeat", "hb").getString("last_active_at"))
                      .isAfter(before));
    }
    Instant after =
        Instant.parse(json(get(base, "api/users/me", token)).getString("last_active_at"));
    assertTrue(after.isAfter(before), before + " then " + after);
  }

  @Test
  void presenceListsWhoIsOnlineWithoutConnectionDetails() {
    String jack = Tokens.uniqueUser("jack");
    String kate = Tokens.uniqueUser("kate");
    try (WsClient first = WsClient.signedIn(base, devToken(base, jack, false));
        WsClient second = WsClient.signedIn(base, devToken(base, jack, false));
        WsClient observer = WsClient.signedIn(base, devToken(base, kate, false))) {
      var users = observer.request("presence:list", "p").getJsonArray("users");
      List<JsonObject> jacks =
          users.getValuesAs(JsonObject.class).stream()
              .filter(u -> u.getString("id").equals(jack))
              .toList();
      assertEquals(1, jacks.size(), "one entry per user, not per connection");
      assertEquals(java.util.Set.of("id", "name"), jacks.get(0).keySet());
    }
  }

  @Test
  void disconnectRemovesTheUserFromPresence() {
    String leo = Tokens.uniqueUser("leo");
    try (WsClient observer =
        WsClient.signedIn(base, devToken(base, Tokens.uniqueUser("mia"), false))) {
      WsClient leaving = WsClient.signedIn(base, devToken(base, leo, false));
      assertTrue(online(observer).contains(leo));
      leaving.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> !online(observer).contains(leo));
    }
  }

  @Test
  void aClientThatStopsAnsweringPingsIsClosedAndLeavesPresence() throws Exception {
    String ned = Tokens.uniqueUser("ned");
    try (WsClient observer =
            WsClient.signedIn(base, devToken(base, Tokens.uniqueUser("olga"), false));
        SilentClient silent = new SilentClient(base, devToken(base, ned, false))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> online(observer).contains(ned));
      assertEquals(4000, silent.awaitServerClose());
      await().atMost(Duration.ofSeconds(10)).until(() -> !online(observer).contains(ned));
    }
  }

  @Test
  void usageIsListedUntilTheSweepRemovesTheStaleEntry() {
    String model = "llama-" + Tokens.uniqueUser("m");
    try (WsClient client =
        WsClient.signedIn(base, devToken(base, Tokens.uniqueUser("pia"), false))) {
      client.send(
          Json.createObjectBuilder()
              .add("type", "usage")
              .add("id", "u")
              .add("model", model)
              .build());
      assertEquals("u", client.next("usage:ack").getString("reply_to"));
      assertEquals(1, connectionsUsing(client, model));
      // no further usage reports: the entry goes stale after 2 s and a sweep (every 5 s) removes it
      await().atMost(Duration.ofSeconds(20)).until(() -> connectionsUsing(client, model) == 0);
    }
  }

  @Test
  void disconnectRemovesItsUsage() {
    String model = "qwen-" + Tokens.uniqueUser("m");
    try (WsClient observer =
        WsClient.signedIn(base, devToken(base, Tokens.uniqueUser("quinn"), false))) {
      WsClient user = WsClient.signedIn(base, devToken(base, Tokens.uniqueUser("rita"), false));
      user.send(Json.createObjectBuilder().add("type", "usage").add("model", model).build());
      user.next("usage:ack");
      assertEquals(1, connectionsUsing(observer, model));
      user.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> connectionsUsing(observer, model) == 0);
    }
  }

  @Test
  void eachKindOfBadFrameGetsItsErrorAndTheConnectionStaysUsable() {
    try (WsClient client =
        WsClient.signedIn(base, devToken(base, Tokens.uniqueUser("sam"), false))) {
      client.send("{not json");
      assertError(client.next(), "bad_request", "malformed JSON");
      client.send("[1,2]");
      assertError(client.next(), "bad_request", "JSON object");
      client.send("{\"id\":\"x1\"}");
      assertError(client.next(), "bad_request", "type is required");
      client.send("{\"type\":\"teleport\",\"id\":\"x2\"}");
      JsonObject unknown = client.next();
      assertError(unknown, "bad_request", "unknown type");
      assertEquals("x2", unknown.getString("reply_to"));
      client.send("{\"type\":\"usage\",\"id\":\"x3\"}");
      JsonObject missing = client.next();
      assertError(missing, "bad_request", "model is required");
      assertEquals("x3", missing.getString("reply_to"));
      client.send("{\"type\":\"usage\",\"id\":\"x4\",\"model\":{\"nested\":true}}");
      assertError(client.next(), "bad_request", "wrong field type");
      client.send("{\"type\":\"usage\",\"id\":7}");
      assertError(client.next(), "bad_request", "id must be a string");
      client.send("{\"type\":\"usage\",\"model\":\"" + "m".repeat(70_000) + "\"}");
      assertError(client.next(), "too_large", "larger than 65536 bytes");
      client.sendBinary(new byte[] {1, 2, 3});
      assertError(client.next(), "bad_request", "binary");

      assertEquals(
          "presence:list", client.request("presence:list", "still-works").getString("type"));
    }
  }

  @Test
  void aFloodIsRateLimitedAndTheConnectionRecovers() {
    try (WsClient flooder =
            WsClient.signedIn(base, devToken(base, Tokens.uniqueUser("tia"), false));
        WsClient bystander =
            WsClient.signedIn(base, devToken(base, Tokens.uniqueUser("uma"), false))) {
      for (int i = 0; i < 200; i++) {
        flooder.send("{\"type\":\"usage:list\"}");
      }
      JsonObject limited = null;
      for (int i = 0; i < 200 && limited == null; i++) {
        JsonObject frame = flooder.next();
        if (frame.getString("type").equals("error")) {
          limited = frame;
        }
      }
      assertError(limited, "rate_limited", "frames per second");
      assertEquals("presence:list", bystander.request("presence:list", "b").getString("type"));
      // once the bucket refills, a request is answered again: retry until one is
      AtomicInteger attempt = new AtomicInteger();
      await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(300))
          .until(
              () -> {
                flooder.send(
                    Json.createObjectBuilder()
                        .add("type", "presence:list")
                        .add("id", "retry-" + attempt.incrementAndGet())
                        .build());
                return flooder.drain().stream()
                    .anyMatch(
                        frame ->
                            frame.getString("reply_to", "").startsWith("retry-")
                                && frame.getString("type").equals("presence:list"));
              });
    }
  }

  private static List<String> online(WsClient observer) {
    return observer
        .request("presence:list", "who")
        .getJsonArray("users")
        .getValuesAs(JsonObject.class)
        .stream()
        .map(u -> u.getString("id"))
        .toList();
  }

  private static int connectionsUsing(WsClient client, String model) {
    return client
        .request("usage:list", "ul")
        .getJsonArray("models")
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(m -> m.getString("model").equals(model))
        .mapToInt(m -> m.getInt("connections"))
        .sum();
  }

  private static JsonObject join(String id, String token) {
    return Json.createObjectBuilder()
        .add("type", "user-join")
        .add("id", id)
        .add("token", token)
        .build();
  }

  private static void assertError(JsonObject frame, String code) {
    assertError(frame, code, "");
  }

  private static void assertError(JsonObject frame, String code, String messagePart) {
    assertTrue(frame != null && frame != JsonValue.NULL, "no error frame");
    assertEquals("error", frame.getString("type"), frame::toString);
    assertEquals(code, frame.getString("code"), frame::toString);
    assertTrue(frame.getString("message").contains(messagePart), frame::toString);
  }
}
