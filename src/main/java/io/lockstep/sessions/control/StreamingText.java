package io.lockstep.sessions.control;

import io.lockstep.realtime.control.Frames;
import io.lockstep.sessions.entity.SessionEventFrame;
import io.lockstep.system.control.JsonMapping;
import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * The streaming buffer of the agent_message or agent_thought event that grows now: its seq and the
 * text so far. Read it only under the run's stream lock.
 */
public record StreamingText(
    String sessionId, String type, long seq, Instant createdAt, StringBuilder text) {

  public JsonObject data() {
    return JsonMapping.JSON.createObjectBuilder().add("text", text.toString()).build();
  }

  /** The buffered text as a chunk from offset 0: what a late observer gets at once. */
  public String peekFrame() {
    return chunkFrame(0, text.toString());
  }

  /** The buffered text as the event is stored, marked partial. */
  public String storedFrame() {
    return SessionLog.storedFrame(sessionId, type, seq, data(), createdAt, true);
  }

  String chunkFrame(int offset, String chunk) {
    return Frames.streamEvent(
        type,
        seq,
        new SessionEventFrame(
            sessionId,
            JsonMapping.JSON.createObjectBuilder().add("text", chunk).build(),
            createdAt,
            seq,
            offset,
            null,
            null));
  }
}
