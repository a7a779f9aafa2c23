package io.lockstep.sessions.entity;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * The fields of a session event beside {@code type} and {@code seq}. Stored events carry {@code
 * data} whole ({@code partial} while the agent still streams it); a live chunk carries the piece of
 * text that starts at {@code offset}, and {@code max_seq}; a prompt's own echo carries {@code
 * is_mine}.
 */
public record SessionEventFrame(
    String sessionId,
    JsonObject data,
    Instant createdAt,
    Long maxSeq,
    Integer offset,
    Boolean partial,
    Boolean isMine) {

  public static SessionEventFrame stored(String sessionId, JsonObject data, Instant createdAt) {
    return new SessionEventFrame(sessionId, data, createdAt, null, null, null, null);
  }
}
