package io.lockstep.it;

import static io.lockstep.it.Lockstep.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/** What a client of agent sessions does, for tests: create, subscribe, prompt, read the log. */
public final class AgentClients {

  private AgentClients() {}

  public static String createSession(URI base, String token) {
    var created =
        Lockstep.send(
            base, "POST", "api/sessions", "{\"title\":\"tested\",\"model\":\"echo\"}", token);
    assertEquals(201, created.statusCode(), created::body);
    return json(created).getString("id");
  }

  public static void subscribe(WsClient client, String sessionId) {
    String id = "sub-" + UUID.randomUUID();
    client.send(
        Json.createObjectBuilder()
            .add("type", "session:subscribe")
            .add("id", id)
            .add("session_id", sessionId)
            .build());
    JsonObject reply = awaitFrame(client, f -> id.equals(f.getString("reply_to", null)));
    assertEquals("session:subscribed", reply.getString("type"), reply::toString);
  }

  /** Sends a prompt; returns its prompt id. */
  public static String prompt(WsClient client, String sessionId, String text) {
    String promptId = UUID.randomUUID().toString();
    client.send(
        Json.createObjectBuilder()
            .add("type", "prompt")
            .add("id", "p-" + promptId)
            .add("session_id", sessionId)
            .add("prompt_id", promptId)
            .add("text", text)
            .build());
    return promptId;
  }

  /** Asks for the stored events after {@code afterSeq}; the answer is an events_loaded frame. */
  public static void loadAfter(WsClient client, String sessionId, long afterSeq) {
    client.send(
        Json.createObjectBuilder()
            .add("type", "load_events")
            .add("id", "load-" + UUID.randomUUID())
            .add("session_id", sessionId)
            .add("after_seq", afterSeq)
            .add("limit", 500)
            .build());
  }

  /** The stored log: seq to text (null for events without text), every page of it. */
  public static Map<Long, String> storedTexts(URI base, String token, String sessionId) {
    Map<Long, String> texts = new TreeMap<>();
    long after = 0;
    while (true) {
      var response =
          Lockstep.get(
              base, "api/sessions/" + sessionId + "/events?limit=500&after_seq=" + after, token);
      assertEquals(200, response.statusCode(), response::body);
      var events = json(response).getJsonArray("events").getValuesAs(JsonObject.class);
      if (events.isEmpty()) {
        return texts;
      }
      for (JsonObject event : events) {
        JsonObject data = event.getJsonObject("data");
        after = event.getJsonNumber("seq").longValue();
        texts.put(after, data != null && data.containsKey("text") ? data.getString("text") : null);
      }
    }
  }

  public static JsonObject sessionState(URI base, String token, String sessionId) {
    var response = Lockstep.get(base, "api/sessions/" + sessionId, token);
    assertEquals(200, response.statusCode(), response::body);
    return json(response);
  }

  public static JsonObject awaitFrame(WsClient client, Predicate<JsonObject> match) {
    while (true) {
      JsonObject frame = client.next();
      if (match.test(frame)) {
        return frame;
      }
    }
  }

  public static JsonObject awaitFrame(
      WsClient client, Predicate<JsonObject> match, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      JsonObject frame = client.next(Duration.ofNanos(deadline - System.nanoTime()));
      if (match.test(frame)) {
        return frame;
      }
    }
  }

  public static Predicate<JsonObject> completes(String promptId) {
    return frame ->
        frame.getString("type").equals("prompt_complete")
            && promptId.equals(frame.getJsonObject("data").getString("prompt_id", null));
  }
}
