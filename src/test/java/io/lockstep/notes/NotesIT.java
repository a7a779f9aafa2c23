package io.lockstep.notes;

import static io.lockstep.it.Lockstep.devToken;
import static io.lockstep.it.Lockstep.json;
import static io.lockstep.it.Lockstep.send;
import static io.lockstep.notes.YjsClients.cmd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.it.DeployedLockstep;
import io.lockstep.it.Lockstep;
import io.lockstep.it.Tokens;
import io.lockstep.it.WsClient;
import io.lockstep.yjs.Awareness;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Collaborative notes: the REST API with its access rules, the {@code ydoc:*} events on /ws, and
 * the standard y-websocket protocol at /ws/yjs driven by the real npm clients, on one deployment.
 */
public class NotesIT extends DeployedLockstep {

  private static YjsClients node;

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  /** One Node process for the class, started by the first test that needs it. */
  private YjsClients yjs() {
    if (node == null) {
      node = new YjsClients(base);
    }
    return node;
  }

  // ---- REST ---------------------------------------------------------------------------------

  @Test
  void aNoteIsCreatedListedRenamedAndDeleted() {
    String alice = token("alice");
    var created = send(base, "POST", "api/notes", "{\"title\":\"Plans\"}", alice);
    assertEquals(201, created.statusCode(), created::body);
    JsonObject note = json(created);
    String id = note.getString("id");
    assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith("/notes/" + id));
    assertEquals("owner", note.getString("permission"));
    assertEquals("", note.getString("content"));

    JsonObject list = json(Lockstep.get(base, "api/notes", alice));
    assertEquals(id, list.getJsonArray("items").getJsonObject(0).getString("id"));

    var renamed = send(base, "PATCH", "api/notes/" + id, "{\"title\":\"Better plans\"}", alice);
    assertEquals(200, renamed.statusCode(), renamed::body);
    assertEquals("Better plans", json(renamed).getString("title"));

    assertEquals(204, send(base, "DELETE", "api/notes/" + id, null, alice).statusCode());
    assertEquals(404, Lockstep.get(base, "api/notes/" + id, alice).statusCode());
  }

  @Test
  void anotherUsersNoteIsNotFoundUntilSharedAndReadersMayNotChangeIt() {
    String alice = token("alice");
    String bobName = Tokens.uniqueUser("bob");
    String bob = devToken(base, bobName, false);
    String id = createNote(alice, "secret");

    assertEquals(404, Lockstep.get(base, "api/notes/" + id, bob).statusCode());
    assertFalse(listIds(bob).contains(id));

    share(alice, id, List.of(bobName), List.of(), List.of(), List.of());
    JsonObject seen = json(Lockstep.get(base, "api/notes/" + id, bob));
    assertEquals("read", seen.getString("permission"));
    assertNull(seen.get("access"), "only who may change the grants sees them");
    assertTrue(listIds(bob).contains(id));
    assertEquals(
        403, send(base, "PATCH", "api/notes/" + id, "{\"title\":\"x\"}", bob).statusCode());
    assertEquals(403, send(base, "PUT", "api/notes/" + id + "/access", "{}", bob).statusCode());
    assertEquals(403, send(base, "DELETE", "api/notes/" + id, null, bob).statusCode());

    share(alice, id, List.of(), List.of(), List.of(bobName), List.of());
    assertEquals(
        200, send(base, "PATCH", "api/notes/" + id, "{\"title\":\"ours\"}", bob).statusCode());

    share(alice, id, List.of(), List.of(), List.of(), List.of());
    assertEquals(404, Lockstep.get(base, "api/notes/" + id, bob).statusCode());
  }

  @Test
  void aGroupGrantOpensTheNoteToTheGroupsMembers() {
    String alice = token("alice");
    String id = createNote(alice, "team note");
    String member =
        Tokens.sign(
            Tokens.serverDevKey(),
            Tokens.claims(Tokens.uniqueUser("carol"))
                .claim("groups", List.of("user", "team-7"))
                .build());
    String outsider = token("dave");
    share(alice, id, List.of(), List.of("team-7"), List.of(), List.of());
    assertEquals(200, Lockstep.get(base, "api/notes/" + id, member).statusCode());
    assertEquals(404, Lockstep.get(base, "api/notes/" + id, outsider).statusCode());
    JsonObject access = json(Lockstep.get(base, "api/notes/" + id, alice)).getJsonObject("access");
    assertEquals(
        List.of("team-7"), strings(access.getJsonObject("read").getJsonArray("group_ids")));
  }

  @Test
  void badInputIsRefusedWithAClearMessage() {
    String alice = token("alice");
    String id = createNote(alice, "ok");
    assertBadRequest(send(base, "POST", "api/notes", "{\"title\":\"  \"}", alice), "title");
    assertBadRequest(
        send(base, "POST", "api/notes", "{\"title\":\"" + "t".repeat(501) + "\"}", alice), "title");
    assertBadRequest(send(base, "POST", "api/notes", "{\"title\":", alice), "");
    assertBadRequest(
        send(
            base, "PUT", "api/notes/" + id + "/access", "{\"read\":{\"user_ids\":[\" \"]}}", alice),
        "user id");
    assertBadRequest(send(base, "PATCH", "api/notes/" + id, "{}", alice), "title");
    assertEquals(404, Lockstep.get(base, "api/notes/" + "x".repeat(300), alice).statusCode());
    assertEquals(401, Lockstep.get(base, "api/notes", null).statusCode());
  }

  // ---- the ydoc:* events on /ws --------------------------------------------------------------

  @Test
  void membersGetEachOthersUpdatesAndALateJoinerGetsTheStoredDocument() {
    String aliceName = Tokens.uniqueUser("alice");
    String alice = devToken(base, aliceName, false);
    String bobName = Tokens.uniqueUser("bob");
    String bob = devToken(base, bobName, false);
    String id = createNote(alice, "together");
    share(alice, id, List.of(), List.of(), List.of(bobName), List.of());
    YjsClients js = yjs();
    String doc = "doc-" + UUID.randomUUID();
    js.call(cmd("doc", doc));
    try (WsClient a = WsClient.signedIn(base, alice);
        WsClient b = WsClient.signedIn(base, bob)) {
      JsonObject state = join(a, id);
      assertEquals(1, state.getJsonArray("sessions").size());
      join(b, id);
      JsonObject joined = awaitFrame(a, type("ydoc:user:joined"));
      assertEquals(bobName, joined.getString("user_id"));

      js.insert(doc, 0, "hello");
      String update = lastUpdate(js, doc);
      JsonObject ack = sendUpdate(a, id, update, "hello");
      assertEquals("ydoc:document:update:ack", ack.getString("type"), ack::toString);
      JsonObject relayed = awaitFrame(b, type("ydoc:document:update"));
      assertEquals(update, relayed.getString("update"));
      assertEquals(aliceName, relayed.getString("user_id"));
    }
    try (WsClient late = WsClient.signedIn(base, bob)) {
      JsonObject state = join(late, id);
      String fresh = "doc-" + UUID.randomUUID();
      js.call(cmd("doc", fresh));
      js.call(cmd("apply", fresh).add("update", state.getString("state")));
      assertEquals("hello", js.text(fresh));
    }
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> listIds(alice, "hell").contains(id)); // the rendered content, saved debounced
  }

  @Test
  void aReadersUpdateIsForbiddenAndNeitherStoredNorSent() {
    SharedNote note = noteSharedWithAReader("read only");
    String alice = note.owner();
    String reader = note.reader();
    String id = note.id();
    YjsClients js = yjs();
    String doc = "doc-" + UUID.randomUUID();
    js.call(cmd("doc", doc));
    js.insert(doc, 0, "vandalism");
    try (WsClient owner = WsClient.signedIn(base, alice);
        WsClient r = WsClient.signedIn(base, reader)) {
      join(owner, id);
      join(r, id);
      JsonObject refused = sendUpdate(r, id, lastUpdate(js, doc), null);
      assertEquals("error", refused.getString("type"));
      assertEquals("forbidden", refused.getString("code"));
      JsonObject heartbeat = r.request("heartbeat", "h-after");
      assertEquals("heartbeat:ack", heartbeat.getString("type"), "the connection stays usable");
      assertEquals(0, documentSeq(alice, id), "nothing was stored");
      assertTrue(
          owner.drain().stream().noneMatch(type("ydoc:document:update")), "nothing was sent");
    }
  }

  @Test
  void awarenessIsRelayedAndLeavingTakesTheCursorAlong() {
    String aliceName = Tokens.uniqueUser("alice");
    String alice = devToken(base, aliceName, false);
    String id = createNote(alice, "cursors");
    try (WsClient a = WsClient.signedIn(base, alice);
        WsClient b = WsClient.signedIn(base, alice)) {
      join(a, id);
      join(b, id);
      String awareness =
          Base64.getEncoder()
              .encodeToString(
                  Awareness.encode(
                      List.of(new Awareness.Entry(4242L, 3L, "{\"user\":{\"name\":\"A\"}}"))));
      a.send(
          Json.createObjectBuilder()
              .add("type", "ydoc:awareness:update")
              .add("document_id", id)
              .add("update", awareness)
              .build());
      assertEquals(awareness, awaitFrame(b, type("ydoc:awareness:update")).getString("update"));

      try (WsClient late = WsClient.signedIn(base, alice)) {
        join(late, id);
        assertEquals(
            awareness,
            awaitFrame(late, type("ydoc:awareness:update")).getString("update"),
            "a joiner gets the cursors of those already there");
      }

      a.send(
          Json.createObjectBuilder()
              .add("type", "ydoc:document:leave")
              .add("document_id", id)
              .build());
      JsonObject gone = awaitFrame(b, type("ydoc:awareness:update"));
      List<Awareness.Entry> entries =
          Awareness.decode(Base64.getDecoder().decode(gone.getString("update")));
      assertEquals(List.of(new Awareness.Entry(4242L, 4L, "null")), entries);
      awaitFrame(b, type("ydoc:user:left"));
    }
  }

  @Test
  void joiningAndUpdatingNeedAccessAMembershipAndRealYjs() {
    String alice = token("alice");
    String stranger = token("eve");
    String id = createNote(alice, "guarded");
    try (WsClient e = WsClient.signedIn(base, stranger);
        WsClient a = WsClient.signedIn(base, alice)) {
      assertError(e, join(id, "j1"), "not_found");
      assertError(e, join(UUID.randomUUID().toString(), "j2"), "not_found");
      assertError(a, update(id, "AAA=", "u1"), "conflict");
      join(a, id);
      assertError(a, update(id, "not base64!", "u2"), "bad_request");
      assertError(
          a,
          update(id, Base64.getEncoder().encodeToString(new byte[] {9, 9, 9}), "u3"),
          "bad_request");
      assertError(
          a,
          Json.createObjectBuilder().add("type", "ydoc:document:update").add("id", "u4"),
          "bad_request");
    }
  }

  @Test
  void aLargePasteIsStoredAndDeliveredAndOnlyWhatIsOverTheLimitIsRefused() {
    String alice = token("alice");
    String id = createNote(alice, "big");
    YjsClients js = yjs();
    String doc = "doc-" + UUID.randomUUID();
    js.call(cmd("doc", doc));
    String paste = "0123456789abcdef".repeat(5 * 1024 * 1024 / 16); // 5 MiB
    js.insert(doc, 0, paste);
    String big = lastUpdate(js, doc);
    try (WsClient a = WsClient.signedIn(base, alice);
        WsClient b = WsClient.signedIn(base, alice)) {
      join(a, id);
      join(b, id);
      JsonObject ack = sendUpdate(a, id, big, null);
      assertEquals("ydoc:document:update:ack", ack.getString("type"), () -> ack.toString());
      assertEquals(big, awaitFrame(b, type("ydoc:document:update")).getString("update"));

      js.insert(doc, 0, "x".repeat(7 * 1024 * 1024)); // over the 6 MiB of the ITs (pom.xml)
      JsonObject refused = sendUpdate(a, id, lastUpdate(js, doc), null);
      assertEquals("too_large", refused.getString("code"), refused::toString);
      assertEquals("heartbeat:ack", a.request("heartbeat", "h-big").getString("type"));
    }
    assertEquals(1, documentSeq(alice, id));
  }

  // ---- y-websocket -----------------------------------------------------------------------------

  @Test
  void twoYWebsocketEditorsConverge() {
    String alice = token("alice");
    String id = createNote(alice, "yws");
    YjsClients js = yjs();
    String a = "a-" + id;
    String b = "b-" + id;
    js.open(a, id, alice);
    js.open(b, id, alice);
    js.insert(a, 0, "Hello");
    js.awaitText(b, "Hello");
    js.insert(b, 5, ", world");
    js.awaitText(a, "Hello, world");
    js.call(cmd("close", a));
    js.call(cmd("close", b));
  }

  @Test
  void anEditorThatWasOfflineRejoinsAndBothConverge() {
    String alice = token("alice");
    String id = createNote(alice, "offline");
    YjsClients js = yjs();
    String a = "a-" + id;
    String b = "b-" + id;
    js.open(a, id, alice);
    js.open(b, id, alice);
    js.insert(a, 0, "base");
    js.awaitText(b, "base");
    js.call(cmd("disconnect", b));
    js.insert(b, 4, " offline");
    js.insert(a, 0, "online ");
    js.awaitText(a, "online base");
    js.call(cmd("reconnect", b));
    js.awaitText(a, "online base offline");
    js.awaitText(b, "online base offline");
    js.call(cmd("close", a));
    js.call(cmd("close", b));
  }

  @Test
  void aLateJoinerGetsTheWholeDocumentAndSeesWhoIsThere() {
    String alice = token("alice");
    String id = createNote(alice, "late");
    YjsClients js = yjs();
    String a = "a-" + id;
    js.open(a, id, alice);
    js.call(cmd("awareness", a).add("state", Json.createObjectBuilder().add("user", "A")));
    js.insert(a, 0, "written before you came");
    js.call(cmd("close", a)); // gone, but its edit is stored
    String a2 = "a2-" + id;
    js.open(a2, id, alice);
    js.call(cmd("awareness", a2).add("state", Json.createObjectBuilder().add("user", "A2")));
    String late = "late-" + id;
    js.open(late, id, alice);
    assertEquals("written before you came", js.text(late));
    js.call(cmd("waitPeers", late).add("count", 2)); // itself and a2
    js.call(cmd("close", a2));
    js.call(cmd("waitPeers", late).add("count", 1)); // a2 left and took its cursor
    js.call(cmd("close", late));
  }

  @Test
  void aReadOnlyUserReceivesUpdatesButCannotChangeTheDocument() {
    SharedNote note = noteSharedWithAReader("look, don't touch");
    String alice = note.owner();
    String reader = note.reader();
    String id = note.id();
    YjsClients js = yjs();
    String w = "w-" + id;
    String r = "r-" + id;
    js.open(w, id, alice);
    js.open(r, id, reader);
    js.insert(w, 0, "official");
    js.awaitText(r, "official");
    js.insert(r, 0, "hacked ");
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> js.call(cmd("denied", r)).getJsonArray("reasons").size() > 0);
    js.insert(w, 8, "!");
    js.awaitText(w, "official!");
    String check = "check-" + id;
    js.open(check, id, alice);
    assertEquals("official!", js.text(check), "the reader's edit was neither stored nor sent");
    assertEquals(2, documentSeq(alice, id));
    for (String name : List.of(w, r, check)) {
      js.call(cmd("close", name));
    }
  }

  @Test
  void aUserWithoutAccessOrWithoutATokenIsRefused() {
    String alice = token("alice");
    String id = createNote(alice, "closed");
    YjsClients js = yjs();
    String e = "e-" + id;
    String anon = "anon-" + id;
    js.connect(e, id, token("eve"));
    js.connect(anon, id, null);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> closeCodes(js, e).contains(4404) && closeCodes(js, anon).contains(4401));
    assertEquals("", js.text(e));
    js.call(cmd("close", e));
    js.call(cmd("close", anon));
  }

  @Test
  void aYWebsocketClientThatFloodsIsCutOffAndLosesNothing() {
    String alice = token("alice");
    String id = createNote(alice, "flood");
    YjsClients js = yjs();
    String typist = "typist-" + id;
    String watcher = "watcher-" + id;
    js.open(typist, id, alice);
    js.open(watcher, id, alice);
    String burst = "x".repeat(300); // 300 updates at once, over the 40 a second of the ITs
    js.call(cmd("type", typist).add("text", burst));
    js.awaitText(watcher, burst); // the provider reconnects and resynchronizes
    assertTrue(closeCodes(js, typist).contains(4429), () -> "closes " + closeCodes(js, typist));
    js.call(cmd("close", typist));
    js.call(cmd("close", watcher));
  }

  @Test
  void aMalformedYWebsocketMessageClosesTheConnection() {
    String alice = token("alice");
    String id = createNote(alice, "garbage");
    YjsClients js = yjs();
    String garbage = Base64.getEncoder().encodeToString(new byte[] {0, 2, (byte) 0xFF, 1, 2});
    JsonObject closed =
        js.call(
            Json.createObjectBuilder()
                .add("cmd", "raw")
                .add("url", js.yjsUrl())
                .add("room", id)
                .add("token", alice)
                .add("send", Json.createArrayBuilder().add(garbage)));
    assertEquals(4400, closed.getInt("code"));
    assertEquals(0, documentSeq(alice, id));
  }

  @Test
  void aJsonClientAndAYWebsocketClientEditTogether() {
    String alice = token("alice");
    String id = createNote(alice, "bridge");
    YjsClients js = yjs();
    String y = "y-" + id;
    js.open(y, id, alice);
    String mirror = "mirror-" + id;
    js.call(cmd("doc", mirror));
    try (WsClient json = WsClient.signedIn(base, alice)) {
      join(json, id);
      js.insert(y, 0, "from y-websocket");
      JsonObject relayed = awaitFrame(json, type("ydoc:document:update"));
      js.call(cmd("apply", mirror).add("update", relayed.getString("update")));
      assertEquals("from y-websocket", js.text(mirror));
      js.insert(mirror, 0, "from JSON, ");
      sendUpdate(json, id, lastUpdate(js, mirror), null);
      js.awaitText(y, "from JSON, from y-websocket");
    }
    js.call(cmd("close", y));
  }

  @Test
  void tenThousandUpdatesAreCompactedAndLoadToTheSameContent() throws Exception {
    String alice = token("alice");
    String id = createNote(alice, "long history");
    YjsClients js = yjs();
    String typist = "typist-" + id;
    js.call(cmd("doc", typist));
    StringBuilder typed = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      char c = (char) ('a' + i % 26);
      typed.append(c);
    }
    js.call(cmd("type", typist).add("text", typed.toString()));
    List<String> updates = strings(js.call(cmd("updates", typist)).getJsonArray("updates"));
    assertEquals(10_000, updates.size());
    HttpClient http = HttpClient.newHttpClient();
    ExecutorService posters = Executors.newFixedThreadPool(4);
    try {
      // in order per poster is not needed: Yjs merges updates in any order
      List<Future<Integer>> statuses = new java.util.ArrayList<>();
      for (String update : updates) {
        statuses.add(posters.submit(() -> postUpdate(http, alice, id, update)));
      }
      for (Future<Integer> status : statuses) {
        assertEquals(200, status.get());
      }
    } finally {
      posters.shutdownNow();
    }
    JsonObject note = json(Lockstep.get(base, "api/notes/" + id, alice));
    assertEquals(10_000, note.getJsonNumber("document_seq").longValue());
    assertTrue(
        note.getJsonNumber("compacted_seq").longValue() >= 9_500,
        () -> "compacted up to " + note.get("compacted_seq"));
    String reader = "reader-" + id;
    js.open(reader, id, alice);
    assertEquals(typed.toString(), js.text(reader));
    js.call(cmd("close", reader));
  }

  @Test
  void writersAndReadersUpdatingAtOnceAreEachAnsweredForThemselves() throws Exception {
    SharedNote note = noteSharedWithAReader("busy");
    String alice = note.owner();
    String reader = note.reader();
    String id = note.id();
    YjsClients js = yjs();
    String typist = "typist-" + id;
    js.call(cmd("doc", typist));
    String typed = "many hands, one writer ".repeat(10);
    js.call(cmd("type", typist).add("text", typed));
    List<String> updates = strings(js.call(cmd("updates", typist)).getJsonArray("updates"));
    HttpClient http = HttpClient.newHttpClient();
    ExecutorService posters = Executors.newFixedThreadPool(6);
    try {
      // updates of one note that arrive together are stored in one transaction (group commit):
      // the reader's refusals must not take the writer's updates down with them
      List<Future<Integer>> written = new java.util.ArrayList<>();
      List<Future<Integer>> refused = new java.util.ArrayList<>();
      for (String update : updates) {
        written.add(posters.submit(() -> postUpdate(http, alice, id, update)));
        refused.add(posters.submit(() -> postUpdate(http, reader, id, update)));
      }
      for (Future<Integer> status : written) {
        assertEquals(200, status.get());
      }
      for (Future<Integer> status : refused) {
        assertEquals(403, status.get());
      }
    } finally {
      posters.shutdownNow();
    }
    assertEquals(updates.size(), documentSeq(alice, id), "each of the writer's updates, once");
    String fresh = "fresh-" + id;
    js.open(fresh, id, reader);
    assertEquals(typed, js.text(fresh));
    js.call(cmd("close", fresh));
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private String token(String prefix) {
    return devToken(base, Tokens.uniqueUser(prefix), false);
  }

  /** A note of a new owner, shared with a new user who may only read it: tokens and id. */
  private record SharedNote(String owner, String reader, String id) {}

  private SharedNote noteSharedWithAReader(String title) {
    String owner = token("alice");
    String readerName = Tokens.uniqueUser("reader");
    String reader = devToken(base, readerName, false);
    String id = createNote(owner, title);
    share(owner, id, List.of(readerName), List.of(), List.of(), List.of());
    return new SharedNote(owner, reader, id);
  }

  private String createNote(String token, String title) {
    var response =
        send(
            base,
            "POST",
            "api/notes",
            Json.createObjectBuilder().add("title", title).build().toString(),
            token);
    assertEquals(201, response.statusCode(), response::body);
    return json(response).getString("id");
  }

  private void share(
      String token,
      String id,
      List<String> readUsers,
      List<String> readGroups,
      List<String> writeUsers,
      List<String> writeGroups) {
    String body =
        Json.createObjectBuilder()
            .add(
                "read",
                Json.createObjectBuilder()
                    .add("user_ids", array(readUsers))
                    .add("group_ids", array(readGroups)))
            .add(
                "write",
                Json.createObjectBuilder()
                    .add("user_ids", array(writeUsers))
                    .add("group_ids", array(writeGroups)))
            .build()
            .toString();
    var response = send(base, "PUT", "api/notes/" + id + "/access", body, token);
    assertEquals(200, response.statusCode(), response::body);
  }

  private static JsonArrayBuilder array(List<String> values) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    values.forEach(array::add);
    return array;
  }

  private List<String> listIds(String token) {
    return listIds(token, null);
  }

  private List<String> listIds(String token, String query) {
    String path = "api/notes?size=200" + (query == null ? "" : "&q=" + query);
    return json(Lockstep.get(base, path, token))
        .getJsonArray("items")
        .getValuesAs(JsonObject.class)
        .stream()
        .map(item -> item.getString("id"))
        .toList();
  }

  private long documentSeq(String token, String id) {
    return json(Lockstep.get(base, "api/notes/" + id, token))
        .getJsonNumber("document_seq")
        .longValue();
  }

  private int postUpdate(HttpClient http, String token, String id, String update) throws Exception {
    var request =
        HttpRequest.newBuilder(base.resolve("api/notes/" + id + "/updates"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Base64.getDecoder().decode(update)))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static List<String> strings(jakarta.json.JsonArray array) {
    return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
  }

  private static List<Integer> closeCodes(YjsClients js, String name) {
    return js
        .call(cmd("closes", name))
        .getJsonArray("codes")
        .getValuesAs(jakarta.json.JsonNumber.class)
        .stream()
        .map(jakarta.json.JsonNumber::intValue)
        .toList();
  }

  private static String lastUpdate(YjsClients js, String doc) {
    List<String> updates = strings(js.call(cmd("updates", doc)).getJsonArray("updates"));
    return updates.get(updates.size() - 1);
  }

  private static jakarta.json.JsonObjectBuilder join(String id, String frameId) {
    return Json.createObjectBuilder()
        .add("type", "ydoc:document:join")
        .add("id", frameId)
        .add("document_id", id);
  }

  private static jakarta.json.JsonObjectBuilder update(String id, String update, String frameId) {
    return Json.createObjectBuilder()
        .add("type", "ydoc:document:update")
        .add("id", frameId)
        .add("document_id", id)
        .add("update", update);
  }

  private static JsonObject join(WsClient client, String id) {
    String frameId = "join-" + UUID.randomUUID();
    client.send(join(id, frameId).build());
    JsonObject state = awaitFrame(client, reply(frameId));
    assertEquals("ydoc:document:state", state.getString("type"), state::toString);
    return state;
  }

  private static JsonObject sendUpdate(WsClient client, String id, String update, String content) {
    String frameId = "update-" + UUID.randomUUID();
    var frame = update(id, update, frameId);
    if (content != null) {
      frame.add("content", content);
    }
    client.send(frame.build());
    return awaitFrame(client, reply(frameId));
  }

  private static void assertError(
      WsClient client, jakarta.json.JsonObjectBuilder frame, String code) {
    JsonObject sent = frame.build();
    client.send(sent);
    JsonObject answer = awaitFrame(client, reply(sent.getString("id")));
    assertEquals("error", answer.getString("type"), answer::toString);
    assertEquals(code, answer.getString("code"), answer::toString);
  }

  private static void assertBadRequest(HttpResponse<String> response, String mentioned) {
    assertEquals(400, response.statusCode(), response::body);
    assertTrue(response.body().contains(mentioned), response::body);
  }

  private static Predicate<JsonObject> type(String type) {
    return frame -> type.equals(frame.getString("type"));
  }

  private static Predicate<JsonObject> reply(String id) {
    return frame -> id.equals(frame.getString("reply_to", null));
  }

  private static JsonObject awaitFrame(WsClient client, Predicate<JsonObject> match) {
    while (true) {
      JsonObject frame = client.next();
      if (match.test(frame)) {
        return frame;
      }
    }
  }
}
