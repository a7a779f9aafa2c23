package io.lockstep.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a client builds from the frames of one agent session, the way a client must: events by seq,
 * live chunks appended at their offset. It counts how often each event arrived as a whole or as the
 * start of a stream, so a test can check that nothing came twice and nothing is missing.
 */
public final class SessionReplica {

  /** One event as the client holds it. */
  public record Held(long seq, String type, String text, JsonObject data) {}

  private static final java.util.Set<String> EVENT_TYPES =
      java.util.Set.of(
          "events_loaded",
          "user_prompt",
          "agent_message",
          "agent_thought",
          "tool_call",
          "tool_update",
          "prompt_complete");

  private final String sessionId;
  private final Map<Long, Held> events = new TreeMap<>();
  private final Map<Long, Integer> arrivals = new TreeMap<>();
  private final List<String> order = new ArrayList<>();
  private long maxSeqSeen;

  public SessionReplica(String sessionId) {
    this.sessionId = sessionId;
  }

  /** Takes a frame; returns false if it is not about this session's events. */
  public boolean accept(JsonObject frame) {
    if (!sessionId.equals(frame.getString("session_id", null))) {
      return false;
    }
    String type = frame.getString("type");
    if (!EVENT_TYPES.contains(type)) {
      return false;
    }
    if (type.equals("events_loaded")) {
      maxSeqSeen = Math.max(maxSeqSeen, frame.getJsonNumber("max_seq").longValue());
      for (JsonObject event : frame.getJsonArray("events").getValuesAs(JsonObject.class)) {
        whole(event);
      }
      return true;
    }
    if (!frame.containsKey("seq")) {
      return false;
    }
    if (frame.containsKey("max_seq")) {
      maxSeqSeen = Math.max(maxSeqSeen, frame.getJsonNumber("max_seq").longValue());
    }
    if (!frame.containsKey("offset")) {
      whole(frame);
      return true;
    }
    long seq = frame.getJsonNumber("seq").longValue();
    int offset = frame.getInt("offset");
    String chunk = frame.getJsonObject("data").getString("text");
    if (offset == 0) {
      arrived(seq);
      events.put(seq, new Held(seq, type, chunk, frame.getJsonObject("data")));
    } else {
      Held held = events.get(seq);
      if (held == null) {
        fail("chunk at offset " + offset + " of event " + seq + " that never started: " + frame);
      }
      assertEquals(
          held.text().length(),
          offset,
          () -> "chunk does not continue event " + seq + ": " + frame);
      events.put(seq, new Held(seq, type, held.text() + chunk, held.data()));
    }
    order.add(seq + ":" + offset + ":" + chunk.length());
    return true;
  }

  private void whole(JsonObject event) {
    long seq = event.getJsonNumber("seq").longValue();
    arrived(seq);
    JsonObject data = event.getJsonObject("data");
    JsonValue text = data == null ? null : data.get("text");
    events.put(
        seq,
        new Held(
            seq,
            event.getString("type"),
            text instanceof jakarta.json.JsonString string ? string.getString() : null,
            data));
    order.add(seq + ":" + event.getString("type"));
  }

  private void arrived(long seq) {
    arrivals.merge(seq, 1, Integer::sum);
  }

  public Map<Long, Held> events() {
    return events;
  }

  /** The seqs that arrived more than once as a whole (or as a stream's start). */
  public List<Long> duplicates() {
    return arrivals.entrySet().stream()
        .filter(e -> e.getValue() > 1)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The seqs between 1 and the highest seen that the client does not hold. */
  public List<Long> gaps() {
    long highest = events.isEmpty() ? 0 : ((TreeMap<Long, Held>) events).lastKey();
    List<Long> missing = new ArrayList<>();
    for (long seq = 1; seq <= highest; seq++) {
      if (!events.containsKey(seq)) {
        missing.add(seq);
      }
    }
    return missing;
  }

  public long lastSeq() {
    return events.isEmpty() ? 0 : ((TreeMap<Long, Held>) events).lastKey();
  }

  public long maxSeqSeen() {
    return maxSeqSeen;
  }

  /** Every frame taken, as seq:offset:length or seq:type, in arrival order. */
  public List<String> order() {
    return order;
  }
}
