package io.lockstep.sessions.entity;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** {@code keepalive {session_id?, client_time?, last_seen_seq?}}. */
public record Keepalive(
    @Size(max = 64, message = "session_id must be at most 64 characters") String sessionId,
    Long clientTime,
    @Min(value = 0, message = "last_seen_seq must be 0 or more") Long lastSeenSeq) {}
