package io.lockstep.sessions;

import static io.lockstep.it.Lockstep.devToken;
import static io.lockstep.it.Lockstep.json;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.it.DeployedLockstep;
import io.lockstep.it.SilentClient;
import io.lockstep.it.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Agent sessions over /ws with the echo agent: each edge case of the synchronization document as
 * its own test, with real WebSocket clients that rebuild the session the way a client must.
 */
public class AgentSessionsIT extends DeployedLockstep {

  /** Events one echo prompt appends: prompt, thought, tool call, tool update, answer, complete. */
  static final int EVENTS_PER_PROMPT = 6;

  // ---- initial load and pagination -------------------------------------------------------

  @Test
  void initialLoadReturnsTheLastEventsAndPaginationReachesTheStart() {
    String token = user("pager");
    String id = createSession(token, "pages");
    try (WsClient client = WsClient.signedIn(base, token)) {
      for (int i = 0; i < 3; i++) {
        promptAndWait(token, client, id, "p" + i, "hello " + i);
      }
      long max = 3L * EVENTS_PER_PROMPT;
      JsonObject initial = load(client, id, Json.createObjectBuilder().add("limit", 5));
      assertEquals(max - 4, initial.getJsonNumber("first_seq").longValue());
      assertEquals(max, initial.getJsonNumber("last_seq").longValue());
      assertEquals(max, initial.getJsonNumber("max_seq").longValue());
      assertEquals(max, initial.getJsonNumber("total_count").longValue());
      assertTrue(initial.getBoolean("has_more"));
      assertFalse(initial.getBoolean("prepend"));
      assertFalse(initial.getBoolean("is_prompting"));
      assertEquals(List.of(14L, 15L, 16L, 17L, 18L), seqs(initial));

      List<Long> all = new ArrayList<>(seqs(initial));
      JsonObject page = initial;
      while (page.getBoolean("has_more")) {
        page =
            load(
                client,
                id,
                Json.createObjectBuilder()
                    .add("limit", 5)
                    .add("before_seq", page.getJsonNumber("first_seq").longValue()));
        assertTrue(page.getBoolean("prepend"));
        all.addAll(0, seqs(page));
      }
      assertEquals(1, page.getJsonNumber("first_seq").longValue());
      assertEquals(LongStream.rangeClosed(1, max).boxed().toList(), all);
      JsonObject first = page.getJsonArray("events").getJsonObject(0);
      assertEquals("user_prompt", first.getString("type"));
      assertEquals("hello 0", first.getJsonObject("data").getString("text"));
      assertEquals("p0", first.getJsonObject("data").getString("prompt_id"));
    }
  }

  @Test
  void staleClientFallsBackToTheInitialLoad() {
    String token = user("stale");
    String id = createSession(token, "stale");
    try (WsClient client = WsClient.signedIn(base, token)) {
      subscribe(client, id);
      promptAndWait(token, client, id, "p1", "first");
      JsonObject reply = load(client, id, Json.createObjectBuilder().add("after_seq", 999));
      assertTrue(reply.getBoolean("stale"));
      assertFalse(reply.getBoolean("prepend"));
      assertEquals(6, reply.getJsonNumber("max_seq").longValue());
      assertEquals(1, reply.getJsonNumber("first_seq").longValue());
      // every event already arrived live on this connection: lastSentSeq was not reset to 0
      assertEquals(List.of(), seqs(reply));
      promptAndWait(token, client, id, "p2", "second");
    }
    try (WsClient fresh = WsClient.signedIn(base, token)) {
      JsonObject reply = load(fresh, id, Json.createObjectBuilder().add("after_seq", 999));
      assertTrue(reply.getBoolean("stale"));
      assertEquals(LongStream.rangeClosed(1, 12).boxed().toList(), seqs(reply));
    }
  }

  @Test
  void loadRefusesBothSeqsAndBadFieldsAndCapsTheLimit() {
    String token = user("badload");
    String id = createSession(token, "bad");
    try (WsClient client = WsClient.signedIn(base, token)) {
      assertError(
          client,
          Json.createObjectBuilder()
              .add("type", "load_events")
              .add("id", "both")
              .add("session_id", id)
              .add("before_seq", 5)
              .add("after_seq", 2),
          "bad_request");
      assertError(
          client,
          Json.createObjectBuilder().add("type", "load_events").add("id", "nosession"),
          "bad_request");
      assertError(
          client,
          Json.createObjectBuilder()
              .add("type", "load_events")
              .add("id", "zero")
              .add("session_id", id)
              .add("limit", 0),
          "bad_request");
      assertError(
          client,
          Json.createObjectBuilder()
              .add("type", "load_events")
              .add("id", "text")
              .add("session_id", id)
              .add("after_seq", "seven"),
          "bad_request");
      promptAndWait(token, client, id, "p1", "capped");
      JsonObject huge = load(client, id, Json.createObjectBuilder().add("limit", 1_000_000));
      assertEquals(6, seqs(huge).size());
    }
  }

  @Test
  void aReplyNeverExceedsTheFrameLimitAndSaysThereIsMore() {
    String token = user("bytes");
    String id = createSession(token, "big");
    String big = "b".repeat(1000);
    try (WsClient client = WsClient.signedIn(base, token)) {
      for (int i = 0; i < 4; i++) {
        promptAndWait(token, client, id, "p" + i, "/repeat 20 /chunks 4 " + big);
      }
      JsonObject initial = load(client, id, Json.createObjectBuilder().add("limit", 50));
      assertTrue(initial.toString().length() <= 65536, "reply of " + initial.toString().length());
      assertTrue(initial.getBoolean("has_more"));
      List<Long> seqs = seqs(initial);
      assertEquals(initial.getJsonNumber("max_seq").longValue(), seqs.get(seqs.size() - 1));
      assertTrue(seqs.get(0) > 1);

      JsonObject sync = load(client, id, Json.createObjectBuilder().add("after_seq", 0));
      assertTrue(sync.toString().length() <= 65536);
      assertTrue(sync.getBoolean("has_more"));
      assertEquals(1, seqs(sync).get(0)); // a sync drops the newest, never leaving a gap
    }
  }

  // ---- live streaming, observers and reconnects -----------------------------------------

  @Test
  void twoObserversSeeTheSameEventsInTheSameOrder() {
    String token = user("twins");
    String id = createSession(token, "twins");
    try (WsClient first = WsClient.signedIn(base, token);
        WsClient second = WsClient.signedIn(base, token)) {
      subscribe(first, id);
      subscribe(second, id);
      sendPrompt(first, id, "p1", "/chunks 12 both see this");
      SessionReplica one = follow(first, id, completes("p1"));
      SessionReplica two = follow(second, id, completes("p1"));
      assertEquals(one.order(), two.order());
      assertEquals(List.of(), one.duplicates());
      assertEquals(List.of(), one.gaps());
      assertEquals("Echo: both see this", one.events().get(5L).text());
      assertEquals(stored(token, id), texts(one));
    }
  }

  @Test
  void theSenderSeesItsPromptAsMineAndOthersDoNot() {
    String token = user("mine");
    String id = createSession(token, "mine");
    try (WsClient sender = WsClient.signedIn(base, token);
        WsClient other = WsClient.signedIn(base, token)) {
      subscribe(sender, id);
      subscribe(other, id);
      sendPrompt(sender, id, "p1", "whose");
      JsonObject ack = awaitFrame(sender, type("prompt_ack"));
      assertEquals(1, ack.getJsonNumber("seq").longValue());
      assertFalse(ack.getBoolean("duplicate"));
      assertTrue(awaitFrame(sender, type("user_prompt")).getBoolean("is_mine"));
      JsonObject theirs = awaitFrame(other, type("user_prompt"));
      assertFalse(theirs.getBoolean("is_mine"));
      assertEquals(1, theirs.getJsonNumber("max_seq").longValue());
      assertEquals("p1", theirs.getJsonObject("data").getString("prompt_id"));
      follow(sender, id, completes("p1"));
    }
  }

  @Test
  void aSubscriberThatJoinsMidStreamGetsTheBufferedTextAtOnce() {
    String token = user("late");
    String id = createSession(token, "late");
    try (WsClient early = WsClient.signedIn(base, token)) {
      subscribe(early, id);
      sendPrompt(early, id, "p1", "/chunks 40 /delay 60 " + "word ".repeat(40));
      SessionReplica seen = new SessionReplica(id);
      awaitFrame(early, f -> seen.accept(f) && f.getInt("offset", 0) >= 40);
      try (WsClient late = WsClient.signedIn(base, token)) {
        send(late, "session:subscribe", "sub", Json.createObjectBuilder().add("session_id", id));
        JsonObject subscribed = awaitFrame(late, type("session:subscribed"));
        assertTrue(subscribed.getBoolean("is_prompting"));
        JsonObject peek = late.next();
        assertEquals("agent_message", peek.getString("type"), peek::toString);
        assertEquals(0, peek.getInt("offset"));
        assertTrue(
            peek.getJsonObject("data").getString("text").length() > 40,
            () -> "the whole buffered answer, not one chunk: " + peek);
        SessionReplica lateView = new SessionReplica(id);
        lateView.accept(peek);
        follow(late, lateView, completes("p1"));
        follow(early, seen, completes("p1"));
        long answer = 5;
        assertEquals(seen.events().get(answer).text(), lateView.events().get(answer).text());
        assertEquals(stored(token, id).get(answer), lateView.events().get(answer).text());
        assertEquals(List.of(), lateView.duplicates());
      }
    }
  }

  @Test
  void syncAfterReconnectReceivesEachMissedEventExactlyOnce() {
    String token = user("resync");
    String id = createSession(token, "resync");
    SessionReplica replica = new SessionReplica(id);
    try (WsClient before = WsClient.signedIn(base, token)) {
      subscribe(before, id);
      sendPrompt(before, id, "p1", "before the break");
      follow(before, replica, completes("p1"));
    }
    long lastSeen = replica.lastSeq();
    assertEquals(6, lastSeen);
    try (WsClient prompter = WsClient.signedIn(base, token)) {
      promptAndWait(token, prompter, id, "p2", "while away");
      sendPrompt(prompter, id, "p3", "/chunks 30 /delay 40 also while away");
      awaitFrame(prompter, type("prompt_ack"));
      try (WsClient after = WsClient.signedIn(base, token)) {
        subscribe(after, id);
        after.send(
            Json.createObjectBuilder()
                .add("type", "load_events")
                .add("id", "sync")
                .add("session_id", id)
                .add("after_seq", lastSeen)
                .build());
        follow(after, replica, completes("p3"));
      }
    }
    assertEquals(List.of(), replica.duplicates(), () -> "arrived twice; order " + replica.order());
    assertEquals(List.of(), replica.gaps());
    assertEquals(18, replica.lastSeq());
    assertEquals(stored(token, id), texts(replica));
  }

  @Test
  void maxSeqRevealsAGapAndAfterSeqFillsIt() {
    String token = user("gap");
    String id = createSession(token, "gap");
    SessionReplica replica = new SessionReplica(id);
    try (WsClient client = WsClient.signedIn(base, token);
        WsClient other = WsClient.signedIn(base, token)) {
      subscribe(client, id);
      sendPrompt(client, id, "p1", "one");
      follow(client, replica, completes("p1"));
      send(client, "session:unsubscribe", "un", Json.createObjectBuilder().add("session_id", id));
      awaitFrame(client, type("session:unsubscribed"));

      sendPrompt(other, id, "p2", "two");
      awaitFrame(other, type("prompt_ack"));
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> sessionState(token, id).getBoolean("is_prompting") == false);

      subscribe(client, id);
      sendPrompt(client, id, "p3", "three");
      JsonObject live = awaitFrame(client, type("user_prompt"));
      long maxSeq = live.getJsonNumber("max_seq").longValue();
      assertEquals(13, maxSeq);
      replica.accept(live);
      assertTrue(replica.lastSeq() > 6 && !replica.gaps().isEmpty(), "the client sees a gap");
      client.send(
          Json.createObjectBuilder()
              .add("type", "load_events")
              .add("id", "fill")
              .add("session_id", id)
              .add("after_seq", 6)
              .build());
      follow(client, replica, completes("p3"));
    }
    assertEquals(List.of(), replica.gaps());
    assertEquals(List.of(), replica.duplicates());
    assertEquals(stored(token, id), texts(replica));
  }

  // ---- prompts -----------------------------------------------------------------------------

  @Test
  void aRetriedPromptIsAcknowledgedAgainAndDoesNotRunTwice() {
    String token = user("retry");
    String id = createSession(token, "retry");
    try (WsClient client = WsClient.signedIn(base, token)) {
      sendPrompt(client, id, "same", "/chunks 20 /delay 30 only once");
      JsonObject ack = awaitFrame(client, type("prompt_ack"));
      sendPrompt(client, id, "same", "/chunks 20 /delay 30 only once");
      JsonObject whileRunning = awaitFrame(client, type("prompt_ack"));
      assertTrue(whileRunning.getBoolean("duplicate"));
      assertEquals(ack.getJsonNumber("seq"), whileRunning.getJsonNumber("seq"));
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> !sessionState(token, id).getBoolean("is_prompting"));
      try (WsClient reconnected = WsClient.signedIn(base, token)) {
        sendPrompt(reconnected, id, "same", "/chunks 20 /delay 30 only once");
        JsonObject afterwards = awaitFrame(reconnected, type("prompt_ack"));
        assertTrue(afterwards.getBoolean("duplicate"));
        assertEquals(1, afterwards.getJsonNumber("seq").longValue());
      }
      assertEquals(6, sessionState(token, id).getJsonNumber("max_seq").longValue());
      assertFalse(sessionState(token, id).getBoolean("is_prompting"));
    }
  }

  @Test
  void aPromptWhileAnotherRunsIsRefusedWithConflict() {
    String token = user("busy");
    String id = createSession(token, "busy");
    try (WsClient client = WsClient.signedIn(base, token)) {
      sendPrompt(client, id, "first", "/chunks 500 /repeat 50 /delay 40 long answer");
      awaitFrame(client, type("prompt_ack"));
      sendPrompt(client, id, "second", "too soon");
      JsonObject error = awaitFrame(client, type("error"));
      assertEquals("conflict", error.getString("code"));
      assertTrue(error.getString("message").contains("cancel"), error::toString);
      send(client, "cancel", "c", Json.createObjectBuilder().add("session_id", id));
      awaitFrame(client, type("cancel_ack"));
    }
  }

  @Test
  void badPromptsGetClearErrors() {
    String token = user("badprompt");
    String id = createSession(token, "bad");
    try (WsClient client = WsClient.signedIn(base, token)) {
      assertError(
          client,
          Json.createObjectBuilder()
              .add("type", "prompt")
              .add("id", "noid")
              .add("session_id", id)
              .add("text", "x"),
          "bad_request");
      assertError(
          client,
          Json.createObjectBuilder()
              .add("type", "prompt")
              .add("id", "blank")
              .add("session_id", id)
              .add("prompt_id", "p")
              .add("text", "   "),
          "bad_request");
      assertError(
          client,
          Json.createObjectBuilder()
              .add("type", "prompt")
              .add("id", "long")
              .add("session_id", id)
              .add("prompt_id", "p".repeat(129))
              .add("text", "x"),
          "bad_request");
      client.send(
          Json.createObjectBuilder()
              .add("type", "prompt")
              .add("id", "huge")
              .add("session_id", id)
              .add("prompt_id", "p")
              .add("text", "x".repeat(70_000))
              .build());
      // refused before it is parsed, so the error cannot name the frame's id
      assertEquals("too_large", awaitFrame(client, type("error")).getString("code"));
      assertEquals(0, sessionState(token, id).getJsonNumber("max_seq").longValue());
    }
  }

  @Test
  void cancelStopsTheAgentAndKeepsWhatStreamed() {
    String token = user("cancel");
    String id = createSession(token, "cancel");
    String text = "word ".repeat(200);
    try (WsClient client = WsClient.signedIn(base, token)) {
      subscribe(client, id);
      sendPrompt(client, id, "p1", "/chunks 200 /delay 40 " + text);
      SessionReplica replica = new SessionReplica(id);
      awaitFrame(client, f -> replica.accept(f) && f.getInt("offset", 0) > 0);
      send(client, "cancel", "c", Json.createObjectBuilder().add("session_id", id));
      JsonObject complete = follow(client, replica, completes("p1")).lastComplete;
      assertEquals("cancelled", complete.getJsonObject("data").getString("status"));
      Map<Long, String> stored = stored(token, id);
      String answer = stored.get(5L);
      assertTrue(answer.startsWith("Echo: word"), answer);
      assertTrue(answer.length() < ("Echo: " + text.strip()).length(), "stopped early");
      assertEquals(answer, replica.events().get(5L).text());
      JsonObject event = storedEvents(token, id).get(4);
      assertFalse(event.containsKey("partial"), event::toString);
      assertFalse(sessionState(token, id).getBoolean("is_prompting"));
      send(client, "cancel", "again", Json.createObjectBuilder().add("session_id", id));
      assertFalse(awaitFrame(client, type("cancel_ack")).getBoolean("cancelled"));
    }
  }

  @Test
  void streamedTextIsStoredWhileTheAgentIsStillStreaming() {
    String token = user("durable");
    String id = createSession(token, "durable");
    try (WsClient client = WsClient.signedIn(base, token)) {
      sendPrompt(client, id, "p1", "/chunks 100 /delay 50 " + "kept ".repeat(100));
      awaitFrame(client, type("prompt_ack"));
      JsonObject partial =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () -> {
                    List<JsonObject> events = storedEvents(token, id);
                    return events.size() >= 5 ? events.get(4) : null;
                  },
                  e ->
                      e != null
                          && e.getBoolean("partial", false)
                          && e.getJsonObject("data").getString("text").length() > 30);
      assertEquals("agent_message", partial.getString("type"));
      assertTrue(sessionState(token, id).getBoolean("is_prompting"));
      send(client, "cancel", "c", Json.createObjectBuilder().add("session_id", id));
      awaitFrame(client, type("cancel_ack"));
    }
  }

  // ---- keepalive -------------------------------------------------------------------------

  @Test
  void keepaliveAckReportsTheServersView() {
    String token = user("keepalive");
    String id = createSession(token, "keepalive");
    String other = createSession(token, "second");
    try (WsClient client = WsClient.signedIn(base, token)) {
      send(client, "keepalive", "k0", Json.createObjectBuilder().add("client_time", 42));
      JsonObject bare = awaitFrame(client, type("keepalive_ack"));
      assertEquals(42, bare.getJsonNumber("client_time").longValue());
      assertTrue(bare.getJsonNumber("server_time").longValue() > 0);
      assertFalse(bare.containsKey("session_id"));

      promptAndWait(token, client, id, "p1", "count me");
      sendPrompt(
          client,
          id,
          "p2",
          "/chunks 500 /repeat 50 /delay 40 long enough to outlast the test: cancelled at its end");
      awaitFrame(client, type("prompt_ack"));
      send(
          client,
          "keepalive",
          "k1",
          Json.createObjectBuilder()
              .add("session_id", id)
              .add("client_time", 7)
              .add("last_seen_seq", 3));
      JsonObject ack = awaitFrame(client, type("keepalive_ack"));
      assertEquals(id, ack.getString("session_id"));
      assertEquals(7, ack.getJsonNumber("client_time").longValue());
      assertEquals(3, ack.getJsonNumber("last_seen_seq").longValue());
      assertTrue(ack.getJsonNumber("server_max_seq").longValue() >= 7);
      assertTrue(ack.getBoolean("is_prompting"));

      subscribe(client, id);
      subscribe(client, other);
      send(client, "keepalive", "k2", Json.createObjectBuilder().add("client_time", 9));
      JsonObject a = awaitFrame(client, type("keepalive_ack"));
      JsonObject b = awaitFrame(client, type("keepalive_ack"));
      assertEquals(
          java.util.Set.of(id, other),
          java.util.Set.of(a.getString("session_id"), b.getString("session_id")));
      JsonObject ofOther = a.getString("session_id").equals(other) ? a : b;
      assertEquals(0, ofOther.getJsonNumber("server_max_seq").longValue());
      assertFalse(ofOther.getBoolean("is_prompting"));
      send(client, "cancel", "c", Json.createObjectBuilder().add("session_id", id));
      awaitFrame(client, type("cancel_ack"));
    }
  }

  // ---- lifecycle and access --------------------------------------------------------------

  @Test
  void deletingTellsEveryObserverSessionGoneAndTheOwnersDevices() {
    String token = user("deleter");
    String id = createSession(token, "doomed");
    try (WsClient observer = WsClient.signedIn(base, token)) {
      subscribe(observer, id);
      sendPrompt(observer, id, "p1", "/chunks 500 /repeat 50 /delay 40 interrupted by delete");
      awaitFrame(observer, type("prompt_ack"));
      assertEquals(204, call(token, "DELETE", "api/sessions/" + id, null).statusCode());
      Map<String, JsonObject> told = awaitTypes(observer, "session_gone", "session:deleted");
      JsonObject gone = told.get("session_gone");
      assertEquals(id, gone.getString("session_id"));
      assertEquals("deleted", gone.getString("reason"));
      assertEquals(id, told.get("session:deleted").getString("id"));
      assertError(
          observer,
          Json.createObjectBuilder()
              .add("type", "load_events")
              .add("id", "after")
              .add("session_id", id),
          "not_found");
      assertEquals(404, call(token, "GET", "api/sessions/" + id, null).statusCode());
    }
  }

  @Test
  void archivingTellsObserversAndRefusesNewSubscriptionsAndPrompts() {
    String token = user("archiver");
    String id = createSession(token, "old");
    try (WsClient observer = WsClient.signedIn(base, token)) {
      subscribe(observer, id);
      assertEquals(200, call(token, "POST", "api/sessions/" + id + "/archive", null).statusCode());
      JsonObject gone = awaitFrame(observer, type("session_gone"));
      assertEquals("archived", gone.getString("reason"));
      send(
          observer, "session:subscribe", "again", Json.createObjectBuilder().add("session_id", id));
      JsonObject refused = awaitFrame(observer, f -> "again".equals(f.getString("reply_to", null)));
      assertEquals("session_gone", refused.getString("type"));
      sendPrompt(observer, id, "p1", "no");
      assertEquals("conflict", awaitFrame(observer, type("error")).getString("code"));
      assertEquals(
          200, call(token, "POST", "api/sessions/" + id + "/unarchive", null).statusCode());
      subscribe(observer, id);
    }
  }

  @Test
  void anotherUsersSessionIsNotFoundOnEveryMessageType() {
    String owner = user("owner");
    String id = createSession(owner, "private");
    String stranger = user("stranger");
    try (WsClient client = WsClient.signedIn(base, stranger)) {
      for (String type :
          List.of(
              "session:subscribe", "session:unsubscribe", "load_events", "cancel", "keepalive")) {
        assertError(
            client,
            Json.createObjectBuilder().add("type", type).add("id", type).add("session_id", id),
            "not_found");
      }
      assertError(
          client,
          Json.createObjectBuilder()
              .add("type", "prompt")
              .add("id", "prompt")
              .add("session_id", id)
              .add("prompt_id", "x")
              .add("text", "let me in"),
          "not_found");
    }
    for (String[] request :
        new String[][] {
          {"GET", ""}, {"GET", "/events"}, {"PATCH", ""}, {"POST", "/archive"}, {"DELETE", ""}
        }) {
      String body = request[0].equals("PATCH") ? "{\"title\":\"mine now\"}" : null;
      assertEquals(
          404,
          call(stranger, request[0], "api/sessions/" + id + request[1], body).statusCode(),
          () -> request[0] + " " + request[1]);
    }
    assertEquals(0, json(call(stranger, "GET", "api/sessions", null)).getInt("total"));
    String admin = devToken(base, "admin-" + UUID.randomUUID(), true);
    assertEquals(200, call(admin, "GET", "api/sessions/" + id, null).statusCode());
    assertEquals(200, call(owner, "GET", "api/sessions/" + id, null).statusCode());
  }

  @Test
  void restCreatesListsRenamesAndValidates() {
    String token = user("rest");
    try (WsClient device = WsClient.signedIn(base, token)) {
      String first = createSession(token, "first");
      String second = createSession(token, "second");
      JsonObject created = awaitFrame(device, type("session:created"));
      assertEquals(first, created.getJsonObject("session").getString("id"));
      JsonObject list = json(call(token, "GET", "api/sessions", null));
      assertEquals(2, list.getInt("total"));
      assertEquals(second, list.getJsonArray("items").getJsonObject(0).getString("id"));
      JsonObject renamed =
          json(call(token, "PATCH", "api/sessions/" + first, "{\"title\":\"renamed\"}"));
      assertEquals("renamed", renamed.getString("title"));
      JsonObject updated =
          awaitFrame(
              device,
              f ->
                  f.getString("type").equals("session:updated")
                      && f.getJsonObject("session").getString("title").equals("renamed"));
      assertNotNull(updated);
      assertEquals(
          first,
          json(call(token, "GET", "api/sessions", null))
              .getJsonArray("items")
              .getJsonObject(0)
              .getString("id"));
      assertEquals(
          400, call(token, "PATCH", "api/sessions/" + first, "{\"title\":\"  \"}").statusCode());
      assertEquals(400, call(token, "PATCH", "api/sessions/" + first, "{}").statusCode());
      assertEquals(
          400, call(token, "POST", "api/sessions", "{\"model\":\"no-such-model\"}").statusCode());
      assertEquals(400, call(token, "POST", "api/sessions", "{\"title\":").statusCode());
      assertEquals(
          401, io.lockstep.it.Lockstep.send(base, "GET", "api/sessions", null, null).statusCode());
      JsonObject withModel =
          json(call(token, "POST", "api/sessions", "{\"model\":\"stub-model\"}"));
      assertEquals("openai", withModel.getString("adapter"));
      assertEquals("New Session", withModel.getString("title"));
    }
  }

  // ---- backpressure ----------------------------------------------------------------------

  @Test
  void aSlowClientIsDisconnectedAndRecoversByReplayWithoutLoss() throws Exception {
    String token = user("slow");
    String id = createSession(token, "firehose");
    String text = "0123456789".repeat(100);
    int repeat = 2000; // 2 MB: four times the unread window of the ITs (pom.xml)
    try (SilentClient slow = new SilentClient(base, token, 4096)) {
      slow.sendText(
          Json.createObjectBuilder()
              .add("type", "session:subscribe")
              .add("session_id", id)
              .build()
              .toString());
      slow.sendText(
          Json.createObjectBuilder()
              .add("type", "prompt")
              .add("session_id", id)
              .add("prompt_id", "flood")
              .add("text", "/chunks 2000 /delay 0 /repeat " + repeat + " " + text)
              .build()
              .toString());
      assertEquals(4001, slow.awaitServerClose());
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !sessionState(token, id).getBoolean("is_prompting"));
    long maxSeq = sessionState(token, id).getJsonNumber("max_seq").longValue();
    try (WsClient back = WsClient.signedIn(base, token)) {
      SessionReplica replica = new SessionReplica(id);
      long after = 0;
      boolean more = true;
      while (more) {
        JsonObject page = load(back, id, Json.createObjectBuilder().add("after_seq", after));
        replica.accept(page);
        after = page.getJsonNumber("last_seq").longValue();
        more = page.getBoolean("has_more");
      }
      assertEquals(List.of(), replica.gaps());
      assertEquals(List.of(), replica.duplicates());
      assertEquals(maxSeq, replica.lastSeq());
      List<String> answer =
          replica.events().values().stream()
              .filter(event -> event.type().equals("agent_message"))
              .map(SessionReplica.Held::text)
              .toList();
      assertTrue(answer.size() > 1, "an answer longer than one event continues in new events");
      int eventChars = (65_536 - 2048) / 6; // the ITs run with max-frame-bytes 65536 (pom.xml)
      answer.forEach(part -> assertTrue(part.length() <= eventChars, "an event fits a frame"));
      assertEquals("Echo: " + text.repeat(repeat), String.join("", answer));
    }
  }

  // ---- the openai adapter against a real streaming HTTP server --------------------------

  private static ModelServerStub modelServer;

  @BeforeAll
  static void startModelServer() throws java.io.IOException {
    modelServer =
        new ModelServerStub(Integer.parseInt(System.getProperty("lockstep.it.model-server-port")));
  }

  @AfterAll
  static void stopModelServer() {
    modelServer.close();
  }

  @Test
  void theOpenAiAdapterStreamsThoughtsTextAndToolCalls() {
    String token = user("openai");
    String id = createSession(token, "openai", "stub-model");
    try (WsClient client = WsClient.signedIn(base, token)) {
      subscribe(client, id);
      promptAndWait(token, client, id, "p0", "stream please");
      sendPrompt(client, id, "p1", "stream again");
      Followed followed = follow(client, new SessionReplica(id), completes("p1"));
      assertEquals("completed", followed.lastComplete.getJsonObject("data").getString("status"));
      Map<Long, SessionReplica.Held> events = followed.replica.events();
      List<String> types = events.values().stream().map(SessionReplica.Held::type).toList();
      assertEquals(
          List.of("user_prompt", "agent_thought", "agent_message", "tool_call", "prompt_complete"),
          types.subList(types.size() - 5, types.size()));
      long prompt = followed.replica.lastSeq() - 4;
      assertEquals("Let me think.", events.get(prompt + 1).text());
      assertEquals("Hello from the model", events.get(prompt + 2).text());
      JsonObject call = events.get(prompt + 3).data();
      assertEquals("call_1", call.getString("tool_call_id"));
      assertEquals("lookup", call.getString("name"));
      assertEquals("{\"q\":\"weather\"}", call.getJsonObject("input").getString("arguments"));
      assertEquals(stored(token, id), texts(followed.replica));

      ModelServerStub.Received request =
          modelServer.received().get(modelServer.received().size() - 1);
      assertEquals("Bearer test-key", request.authorization());
      assertEquals("stub-model", request.body().getString("model"));
      assertTrue(request.body().getBoolean("stream"));
      List<String> sent =
          request.body().getJsonArray("messages").getValuesAs(JsonObject.class).stream()
              .map(m -> m.getString("role") + ":" + m.getString("content"))
              .toList();
      assertEquals(
          List.of("user:stream please", "assistant:Hello from the model", "user:stream again"),
          sent);
    }
  }

  @Test
  void aModelServerThatBreaksOffMidStreamFailsThePromptAndKeepsTheText() {
    String token = user("broken");
    String id = createSession(token, "broken", "stub-model");
    try (WsClient client = WsClient.signedIn(base, token)) {
      subscribe(client, id);
      sendPrompt(client, id, "p1", "break please");
      Followed followed = follow(client, new SessionReplica(id), completes("p1"));
      JsonObject data = followed.lastComplete.getJsonObject("data");
      assertEquals("failed", data.getString("status"));
      assertTrue(data.getString("error").contains("before it was complete"), data::toString);
      assertEquals("Partial answer", stored(token, id).get(2L));
      assertFalse(sessionState(token, id).getBoolean("is_prompting"));
      sendPrompt(client, id, "p2", "break again");
      follow(client, new SessionReplica(id), completes("p2"));
    }
  }

  @Test
  void aModelServerThatGoesSilentTimesOut() {
    String token = user("silent");
    String id = createSession(token, "silent", "stub-model");
    try (WsClient client = WsClient.signedIn(base, token)) {
      subscribe(client, id);
      sendPrompt(client, id, "p1", "stall please");
      Followed followed = follow(client, new SessionReplica(id), completes("p1"));
      JsonObject data = followed.lastComplete.getJsonObject("data");
      assertEquals("failed", data.getString("status"));
      assertTrue(data.getString("error").contains("sent nothing for 2 s"), data::toString);
      assertEquals("Waiting", stored(token, id).get(2L));
    }
  }

  @Test
  void aModelServerThatRefusesFailsThePromptWithItsReason() {
    String token = user("refused");
    String id = createSession(token, "refused", "stub-model");
    try (WsClient client = WsClient.signedIn(base, token)) {
      subscribe(client, id);
      sendPrompt(client, id, "p1", "reject please");
      JsonObject data =
          follow(client, new SessionReplica(id), completes("p1"))
              .lastComplete
              .getJsonObject("data");
      assertEquals("failed", data.getString("status"));
      assertTrue(data.getString("error").contains("401"), data::toString);
      assertTrue(data.getString("error").contains("Incorrect API key"), data::toString);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** The frames a follower took, and the prompt_complete it stopped at. */
  static final class Followed {
    final SessionReplica replica;
    JsonObject lastComplete;

    Followed(SessionReplica replica) {
      this.replica = replica;
    }
  }

  private String user(String name) {
    return devToken(base, name + "-" + UUID.randomUUID(), false);
  }

  private HttpResponse<String> call(String token, String method, String path, String body) {
    return io.lockstep.it.Lockstep.send(base, method, path, body, token);
  }

  private String createSession(String token, String title) {
    return createSession(token, title, "echo");
  }

  private String createSession(String token, String title, String model) {
    HttpResponse<String> created =
        call(
            token,
            "POST",
            "api/sessions",
            "{\"title\":\"" + title + "\",\"model\":\"" + model + "\"}");
    assertEquals(201, created.statusCode(), created::body);
    return json(created).getString("id");
  }

  private JsonObject sessionState(String token, String id) {
    return json(call(token, "GET", "api/sessions/" + id, null));
  }

  private List<JsonObject> storedEvents(String token, String id) {
    return json(call(token, "GET", "api/sessions/" + id + "/events?limit=500", null))
        .getJsonArray("events")
        .getValuesAs(JsonObject.class);
  }

  /** The texts of the stored events, by seq (null for events without text). */
  private Map<Long, String> stored(String token, String id) {
    Map<Long, String> texts = new java.util.TreeMap<>();
    for (JsonObject event : storedEvents(token, id)) {
      JsonObject data = event.getJsonObject("data");
      texts.put(
          event.getJsonNumber("seq").longValue(),
          data.containsKey("text") ? data.getString("text") : null);
    }
    return texts;
  }

  private static Map<Long, String> texts(SessionReplica replica) {
    Map<Long, String> texts = new java.util.TreeMap<>();
    replica.events().forEach((seq, held) -> texts.put(seq, held.text()));
    return texts;
  }

  private static void send(
      WsClient client, String type, String id, jakarta.json.JsonObjectBuilder fields) {
    client.send(fields.add("type", type).add("id", id).build());
  }

  private static void subscribe(WsClient client, String sessionId) {
    String id = "sub-" + UUID.randomUUID();
    send(client, "session:subscribe", id, Json.createObjectBuilder().add("session_id", sessionId));
    JsonObject reply = awaitFrame(client, f -> id.equals(f.getString("reply_to", null)));
    assertEquals("session:subscribed", reply.getString("type"), reply::toString);
  }

  private static void sendPrompt(WsClient client, String sessionId, String promptId, String text) {
    send(
        client,
        "prompt",
        "prompt-" + promptId,
        Json.createObjectBuilder()
            .add("session_id", sessionId)
            .add("prompt_id", promptId)
            .add("text", text));
  }

  /** Prompts without observing, and waits until the session is idle again. */
  private void promptAndWait(
      String token, WsClient client, String sessionId, String promptId, String text) {
    sendPrompt(client, sessionId, promptId, text);
    awaitFrame(client, type("prompt_ack"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              JsonObject state = sessionState(token, sessionId);
              return !state.getBoolean("is_prompting");
            });
  }

  private static JsonObject load(
      WsClient client, String sessionId, jakarta.json.JsonObjectBuilder fields) {
    String id = "load-" + UUID.randomUUID();
    send(client, "load_events", id, fields.add("session_id", sessionId));
    JsonObject reply =
        awaitFrame(
            client,
            f ->
                id.equals(f.getString("reply_to", null))
                    || "rate_limited".equals(f.getString("code", null)));
    assertEquals("events_loaded", reply.getString("type"), reply::toString);
    return reply;
  }

  private static List<Long> seqs(JsonObject loaded) {
    return loaded.getJsonArray("events").getValuesAs(JsonObject.class).stream()
        .map(e -> e.getJsonNumber("seq").longValue())
        .toList();
  }

  private static void assertError(
      WsClient client, jakarta.json.JsonObjectBuilder frame, String code) {
    JsonObject sent = frame.build();
    String id = sent.getString("id");
    client.send(sent);
    JsonObject reply = awaitFrame(client, f -> id.equals(f.getString("reply_to", null)));
    assertEquals("error", reply.getString("type"), reply::toString);
    assertEquals(code, reply.getString("code"), reply::toString);
  }

  private static Predicate<JsonObject> type(String type) {
    return frame -> type.equals(frame.getString("type"));
  }

  private static Predicate<JsonObject> completes(String promptId) {
    return frame ->
        frame.getString("type").equals("prompt_complete")
            && promptId.equals(frame.getJsonObject("data").getString("prompt_id"));
  }

  /** Frames until one of each type arrived, in any order; the first of each. */
  private static Map<String, JsonObject> awaitTypes(WsClient client, String... types) {
    Map<String, JsonObject> found = new java.util.HashMap<>();
    List<String> wanted = List.of(types);
    while (!found.keySet().containsAll(wanted)) {
      JsonObject frame = client.next();
      if (wanted.contains(frame.getString("type"))) {
        found.putIfAbsent(frame.getString("type"), frame);
      }
    }
    return found;
  }

  /** Frames until one matches; frames of other streams (the user room) pass by. */
  private static JsonObject awaitFrame(WsClient client, Predicate<JsonObject> match) {
    while (true) {
      JsonObject frame = client.next();
      if (match.test(frame)) {
        return frame;
      }
    }
  }

  private static SessionReplica follow(
      WsClient client, String sessionId, Predicate<JsonObject> end) {
    return follow(client, new SessionReplica(sessionId), end).replica;
  }

  private static Followed follow(
      WsClient client, SessionReplica replica, Predicate<JsonObject> end) {
    var followed = new Followed(replica);
    while (true) {
      JsonObject frame = client.next();
      replica.accept(frame);
      if (end.test(frame)) {
        followed.lastComplete = frame;
        return followed;
      }
    }
  }
}
