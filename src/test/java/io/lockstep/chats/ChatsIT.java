package io.lockstep.chats;

import static io.lockstep.it.Lockstep.devToken;
import static io.lockstep.it.Lockstep.get;
import static io.lockstep.it.Lockstep.json;
import static io.lockstep.it.Lockstep.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.it.DeployedLockstep;
import io.lockstep.it.Tokens;
import io.lockstep.it.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Chats, settings and models: every committed change reaches all of its owner's devices, in order,
 * and nobody else's; a reconnecting device catches up with user:sync. The deployment keeps 50
 * events per user and fails the commit of a chat titled "fail-this-commit" (pom.xml).
 */
class ChatsIT extends DeployedLockstep {

  record User(String id, String token) {}

  User newUser(String prefix) {
    String id = Tokens.uniqueUser(prefix);
    return new User(id, devToken(base, id, false));
  }

  HttpResponse<String> call(User user, String method, String path, String json) {
    return send(base, method, path, json, user.token());
  }

  JsonObject createChat(User user, String title) {
    var response = call(user, "POST", "api/chats", "{\"title\":\"" + title + "\"}");
    assertEquals(201, response.statusCode(), response::body);
    return json(response);
  }

  @Test
  void aNewUsersFirstChangesAtOnceEachGetTheirOwnSeq() {
    User carol = newUser("carol");
    List<HttpResponse<String>> created =
        IntStream.range(0, 8)
            .parallel()
            .mapToObj(i -> call(carol, "POST", "api/chats", "{\"title\":\"at once " + i + "\"}"))
            .toList();
    created.forEach(response -> assertEquals(201, response.statusCode(), response::body));
    try (WsClient device = WsClient.signedIn(base, carol.token())) {
      device.send(
          Json.createObjectBuilder()
              .add("type", "user:sync")
              .add("id", "s")
              .add("after_seq", 0)
              .build());
      JsonObject sync = device.next("user:sync");
      Set<Long> seqs = new HashSet<>();
      Set<String> chats = new HashSet<>();
      for (JsonObject event : sync.getJsonArray("events").getValuesAs(JsonObject.class)) {
        seqs.add(event.getJsonNumber("seq").longValue());
        if (event.getString("type").equals("chat:created")) {
          chats.add(event.getJsonObject("chat").getString("id"));
        }
      }
      assertEquals(sync.getJsonNumber("last_seq").longValue(), seqs.size(), sync::toString);
      assertEquals(
          created.stream()
              .map(r -> json(r).getString("id"))
              .collect(java.util.stream.Collectors.toSet()),
          chats);
    }
  }

  @Test
  void everyChangeReachesBothDevicesOfTheOwnerInOrderAndNobodyElse() {
    User alice = newUser("alice");
    User bob = newUser("bob");
    try (WsClient phone = WsClient.signedIn(base, alice.token());
        WsClient laptop = WsClient.signedIn(base, alice.token());
        WsClient other = WsClient.signedIn(base, bob.token())) {
      String id = createChat(alice, "Plans").getString("id");
      assertEquals(
          200, call(alice, "PATCH", "api/chats/" + id, "{\"title\":\"Trip plans\"}").statusCode());
      assertEquals(200, call(alice, "POST", "api/chats/" + id + "/pin", null).statusCode());
      assertEquals(200, call(alice, "POST", "api/chats/" + id + "/archive", null).statusCode());
      assertEquals(204, call(alice, "DELETE", "api/chats/" + id, null).statusCode());

      for (WsClient device : List.of(phone, laptop)) {
        JsonObject created = device.next("chat:created");
        long seq = created.getJsonNumber("seq").longValue();
        assertEquals("Plans", created.getJsonObject("chat").getString("title"));
        JsonObject renamed = device.next("chat:updated");
        assertEquals("Trip plans", renamed.getJsonObject("chat").getString("title"));
        JsonObject pinned = device.next("chat:updated");
        assertTrue(pinned.getJsonObject("chat").getBoolean("pinned"));
        JsonObject archived = device.next("chat:updated");
        assertTrue(archived.getJsonObject("chat").getBoolean("archived"));
        JsonObject deleted = device.next("chat:deleted");
        assertEquals(id, deleted.getString("id"));
        List<JsonObject> inOrder = List.of(renamed, pinned, archived, deleted);
        for (int i = 0; i < inOrder.size(); i++) {
          assertEquals(seq + i + 1, inOrder.get(i).getJsonNumber("seq").longValue());
        }
        assertFalse(created.getJsonObject("chat").containsKey("messages"));
      }
      other.request("presence:list", "marker");
      assertTrue(other.hasNoPendingFrames(), "Bob received nothing of Alice's");
    }
  }

  @Test
  void anotherUsersChatIsNotFoundEverywhere() {
    User alice = newUser("alice");
    User bob = newUser("bob");
    String id = createChat(alice, "Secret").getString("id");
    assertEquals(404, call(bob, "GET", "api/chats/" + id, null).statusCode());
    assertEquals(404, call(bob, "PATCH", "api/chats/" + id, "{\"title\":\"x\"}").statusCode());
    assertEquals(404, call(bob, "POST", "api/chats/" + id + "/pin", null).statusCode());
    assertEquals(404, call(bob, "DELETE", "api/chats/" + id, null).statusCode());
    assertEquals(404, call(bob, "GET", "api/chats/no-such-chat", null).statusCode());
    assertEquals(0, json(call(bob, "GET", "api/chats", null)).getInt("total"));
    assertEquals(403, call(bob, "GET", "api/admin/chats/" + id, null).statusCode());

    String admin = devToken(base, Tokens.uniqueUser("admin"), true);
    var asAdmin = send(base, "GET", "api/admin/chats/" + id, null, admin);
    assertEquals(200, asAdmin.statusCode(), asAdmin::body);
    assertEquals("Secret", json(asAdmin).getString("title"));
    var listed = send(base, "GET", "api/admin/users/" + alice.id() + "/chats", null, admin);
    assertEquals(1, json(listed).getInt("total"));
  }

  @Test
  void aRolledBackChangeSendsNothing() {
    User alice = newUser("alice");
    try (WsClient device = WsClient.signedIn(base, alice.token())) {
      var failed = call(alice, "POST", "api/chats", "{\"title\":\"fail-this-commit\"}");
      assertEquals(500, failed.statusCode());
      assertEquals("internal", json(failed).getString("code"), failed::body);
      String kept = createChat(alice, "kept").getString("id");
      JsonObject event = device.next("chat:created");
      assertEquals(kept, event.getJsonObject("chat").getString("id"));
      assertEquals(1, event.getJsonNumber("seq").longValue(), "the rolled-back seq was not used");
      assertEquals(1, json(call(alice, "GET", "api/chats", null)).getInt("total"));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"title\":\"\"}|title must not be blank",
        "{\"tags\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\",\"l\",\"m\",\"n\",\"o\",\"p\",\"q\",\"r\",\"s\",\"t\",\"u\"]}|tags has at most 20 entries",
        "{\"tags\":[\" \"]}|blank tag",
        "{\"messages\":[1]}|messages[0] must be an object",
        "{\"messages\":[{\"content\":\"hi\"}]}|messages[0].id",
        "{\"messages\":[{\"id\":\"m\"},{\"id\":\"m\"}]}|messages[1].id repeats",
        "{\"messages\":{\"id\":\"m\"}}|malformed JSON body",
        "{\"title\":|malformed JSON body",
      })
  void invalidInputIs400WithAMessageThatNamesTheField(String body, String expected) {
    User alice = newUser("alice");
    var response = call(alice, "POST", "api/chats", body);
    assertEquals(400, response.statusCode(), response::body);
    assertEquals("bad_request", json(response).getString("code"));
    assertTrue(json(response).getString("message").contains(expected), response::body);
  }

  @Test
  void pagingParametersAreChecked() {
    User alice = newUser("alice");
    assertEquals(400, call(alice, "GET", "api/chats?page=-1", null).statusCode());
    assertEquals(400, call(alice, "GET", "api/chats?size=201", null).statusCode());
  }

  @Test
  void aThousandChatsArePagedNewestFirstWithoutMessageBodies() {
    User alice = newUser("alice");
    String withMessages =
        "{\"title\":\"t\",\"messages\":[{\"id\":\"m1\",\"role\":\"user\",\"content\":\"hello\"}]}";
    IntStream.range(0, 1000)
        .forEach(
            i -> assertEquals(201, call(alice, "POST", "api/chats", withMessages).statusCode()));
    Set<String> seen = new HashSet<>();
    String previousUpdate = null;
    for (int page = 0; page < 5; page++) {
      JsonObject listed = json(call(alice, "GET", "api/chats?size=200&page=" + page, null));
      assertEquals(1000, listed.getInt("total"));
      JsonArray items = listed.getJsonArray("items");
      assertEquals(200, items.size());
      for (JsonObject item : items.getValuesAs(JsonObject.class)) {
        assertFalse(item.containsKey("messages"), "no message bodies in a list");
        assertEquals(1, item.getInt("message_count"));
        assertTrue(seen.add(item.getString("id")));
        if (previousUpdate != null) {
          assertTrue(item.getString("updated_at").compareTo(previousUpdate) <= 0, "newest first");
        }
        previousUpdate = item.getString("updated_at");
      }
    }
    assertEquals(1000, seen.size());
  }

  @Test
  void aLargeChatTravelsAsItsChangeNotAsTheWholeChat() {
    User alice = newUser("alice");
    String big = "x".repeat(100_000);
    try (WsClient device = WsClient.signedIn(base, alice.token())) {
      var messages = Json.createArrayBuilder();
      for (int i = 0; i < 5; i++) {
        messages.add(Json.createObjectBuilder().add("id", "m" + i).add("content", big));
      }
      var created =
          call(
              alice,
              "POST",
              "api/chats",
              Json.createObjectBuilder()
                  .add("title", "big")
                  .add("messages", messages)
                  .build()
                  .toString());
      assertEquals(201, created.statusCode(), created::body);
      String id = json(created).getString("id");
      JsonObject event = device.next("chat:created");
      assertTrue(event.getBoolean("messages_omitted"), "500 KB of messages do not ride along");
      assertTrue(event.toString().length() < 65_536, "the event stays under the frame limit");

      JsonArray all = json(call(alice, "GET", "api/chats/" + id, null)).getJsonArray("messages");
      var oneMore =
          Json.createArrayBuilder(all)
              .add(Json.createObjectBuilder().add("id", "m5").add("content", "short"));
      call(
          alice,
          "PATCH",
          "api/chats/" + id,
          Json.createObjectBuilder().add("messages", oneMore).build().toString());
      JsonObject updated = device.next("chat:updated");
      assertNull(updated.get("messages_omitted"));
      assertEquals(1, updated.getJsonArray("changed_messages").size());
      assertEquals(
          "short", updated.getJsonArray("changed_messages").getJsonObject(0).getString("content"));
      assertEquals(6, updated.getJsonObject("chat").getInt("message_count"));
    }
  }

  @Test
  void streamedOutputGrowsTheChatOnTheOtherDevicesAndIsStoredComplete() {
    User alice = newUser("alice");
    String id = createChat(alice, "stream").getString("id");
    try (WsClient writer = WsClient.signedIn(base, alice.token());
        WsClient reader = WsClient.signedIn(base, alice.token())) {
      for (String chunk : List.of("Hel", "lo ", "world")) {
        writer.send(
            streamed(
                id,
                "a1",
                Json.createObjectBuilder().add("type", "message").add("content", chunk).build(),
                "e-" + chunk));
        writer.next("events:ack");
        JsonObject seen = reader.next("events");
        assertEquals(chunk, seen.getJsonObject("data").getString("content"));
        assertEquals(id, seen.getString("chat_id"));
      }
      writer.send(
          streamed(
              id,
              "a1",
              Json.createObjectBuilder().add("type", "status").add("done", true).build(),
              "done"));
      // the completed message is committed (chat:updated) before it is acknowledged and forwarded
      for (WsClient device : List.of(writer, reader)) {
        JsonObject updated = device.next("chat:updated");
        assertEquals(
            "Hello world",
            updated.getJsonArray("changed_messages").getJsonObject(0).getString("content"));
      }
      writer.next("events:ack");
      assertTrue(reader.next("events").getJsonObject("data").getBoolean("done"));
      JsonObject stored = json(call(alice, "GET", "api/chats/" + id, null));
      assertEquals(
          "Hello world", stored.getJsonArray("messages").getJsonObject(0).getString("content"));

      writer.send(
          streamed(
              java.util.UUID.randomUUID().toString(),
              "a1",
              Json.createObjectBuilder().add("type", "message").add("content", "x").build(),
              "bad"));
      JsonObject error = writer.next("error");
      assertEquals("not_found", error.getString("code"));
      writer.send(
          streamed(id, "a1", Json.createObjectBuilder().add("type", "teleport").build(), "bad2"));
      assertEquals("bad_request", writer.next("error").getString("code"));
    }
  }

  private static JsonObject sync(String id, long afterSeq) {
    return Json.createObjectBuilder()
        .add("type", "user:sync")
        .add("id", id)
        .add("after_seq", afterSeq)
        .build();
  }

  private static JsonObject streamed(String chatId, String messageId, JsonObject data, String id) {
    return Json.createObjectBuilder()
        .add("type", "events")
        .add("id", id)
        .add("chat_id", chatId)
        .add("message_id", messageId)
        .add("data", data)
        .build();
  }

  @Test
  void settingsChangedOnOneDeviceArriveOnTheOther() {
    User alice = newUser("alice");
    try (WsClient tablet = WsClient.signedIn(base, alice.token())) {
      assertEquals("{}", call(alice, "GET", "api/users/me/settings", null).body());
      var saved =
          call(
              alice, "PUT", "api/users/me/settings", "{\"theme\":\"dark\",\"ui\":{\"wide\":true}}");
      assertEquals(200, saved.statusCode(), saved::body);
      JsonObject event = tablet.next("settings:updated");
      assertEquals("dark", event.getJsonObject("settings").getString("theme"));
      assertEquals(
          "dark", json(call(alice, "GET", "api/users/me/settings", null)).getString("theme"));

      assertEquals(400, call(alice, "PUT", "api/users/me/settings", "[1]").statusCode());
      assertEquals(
          400,
          call(
                  alice,
                  "PUT",
                  "api/users/me/settings",
                  "{\"a\":" + "[".repeat(12) + "]".repeat(12) + "}")
              .statusCode());
      assertEquals(
          400,
          call(alice, "PUT", "api/users/me/settings", "{\"big\":\"" + "x".repeat(70_000) + "\"}")
              .statusCode());
    }
  }

  @Test
  void aReconnectingDeviceReceivesExactlyTheEventsItMissed() {
    User alice = newUser("alice");
    createChat(alice, "before");
    long lastSeen;
    try (WsClient device = WsClient.connect(base)) {
      device.send(
          Json.createObjectBuilder().add("type", "user-join").add("token", alice.token()).build());
      lastSeen = device.next("welcome").getJsonNumber("last_seq").longValue();
      assertEquals(1, lastSeen, "the chat created before");
    }
    String first = createChat(alice, "one").getString("id");
    createChat(alice, "two");
    call(alice, "PATCH", "api/chats/" + first, "{\"title\":\"one, renamed\"}");

    try (WsClient device = WsClient.connect(base)) {
      device.send(
          Json.createObjectBuilder().add("type", "user-join").add("token", alice.token()).build());
      assertEquals(lastSeen + 3, device.next("welcome").getJsonNumber("last_seq").longValue());
      device.send(sync("s1", lastSeen));
      JsonObject sync = device.next("user:sync");
      assertFalse(sync.getBoolean("reset"));
      assertFalse(sync.getBoolean("has_more"));
      List<JsonObject> missed = sync.getJsonArray("events").getValuesAs(JsonObject.class);
      assertEquals(
          List.of("chat:created", "chat:created", "chat:updated"),
          missed.stream().map(e -> e.getString("type")).toList());
      assertEquals(
          List.of(lastSeen + 1, lastSeen + 2, lastSeen + 3),
          missed.stream().map(e -> e.getJsonNumber("seq").longValue()).toList());
      assertEquals("one, renamed", missed.get(2).getJsonObject("chat").getString("title"));

      device.request("presence:list", "marker");
      assertTrue(device.hasNoPendingFrames(), "nothing arrives twice");
      // and what happens next arrives live, once
      createChat(alice, "three");
      assertEquals(lastSeen + 4, device.next("chat:created").getJsonNumber("seq").longValue());
    }
  }

  @Test
  void aDeviceAwayLongerThanTheWindowIsToldToReset() {
    User alice = newUser("alice");
    IntStream.range(0, 60).forEach(i -> createChat(alice, "c" + i));
    try (WsClient device = WsClient.signedIn(base, alice.token())) {
      device.send(sync("old", 2));
      JsonObject sync = device.next("user:sync");
      assertTrue(sync.getBoolean("reset"));
      assertEquals(0, sync.getJsonArray("events").size());

      device.send(sync("inside", 55));
      JsonObject recent = device.next("user:sync");
      assertFalse(recent.getBoolean("reset"));
      assertEquals(5, recent.getJsonArray("events").size());

      device.send(sync("future", 999));
      assertTrue(device.next("user:sync").getBoolean("reset"), "a seq this server never gave");
      device.send(sync("neg", -1));
      assertEquals("bad_request", device.next("error").getString("code"));
    }
  }

  @Test
  void modelsAreListedAndARefreshReachesEveryConnectedUser() {
    User alice = newUser("alice");
    User bob = newUser("bob");
    JsonObject models = json(call(alice, "GET", "api/models", null));
    assertTrue(
        models.getJsonArray("models").getValuesAs(JsonObject.class).stream()
            .anyMatch(m -> m.getString("id").equals("echo")));
    String admin = devToken(base, Tokens.uniqueUser("admin"), true);
    try (WsClient a = WsClient.signedIn(base, alice.token());
        WsClient b = WsClient.signedIn(base, bob.token())) {
      assertEquals(403, call(alice, "POST", "api/admin/models/refresh", null).statusCode());
      assertEquals(200, send(base, "POST", "api/admin/models/refresh", null, admin).statusCode());
      for (WsClient device : List.of(a, b)) {
        assertEquals(
            models.getJsonArray("models"), device.next("models:updated").getJsonArray("models"));
      }
    }
  }

  @Test
  void listsFilterPinnedAndArchived() {
    User alice = newUser("alice");
    String pinned = createChat(alice, "pinned").getString("id");
    String archived = createChat(alice, "archived").getString("id");
    createChat(alice, "plain");
    call(alice, "POST", "api/chats/" + pinned + "/pin", null);
    call(alice, "POST", "api/chats/" + archived + "/archive", null);
    assertEquals(2, json(get(base, "api/chats", alice.token())).getInt("total"));
    assertEquals(1, json(get(base, "api/chats?pinned=true", alice.token())).getInt("total"));
    JsonObject onlyArchived = json(get(base, "api/chats?archived=true", alice.token()));
    assertEquals(archived, onlyArchived.getJsonArray("items").getJsonObject(0).getString("id"));
  }
}
