package io.lockstep.sessions.entity;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code load_events {session_id, limit?, before_seq? | after_seq?}}: the last events (initial
 * load), the events before {@code before_seq} (pagination) or after {@code after_seq} (sync).
 */
public record LoadEvents(
    @NotBlank(message = "session_id is required")
        @Size(max = 64, message = "session_id must be at most 64 characters")
        String sessionId,
    @Min(value = 1, message = "limit must be at least 1") Integer limit,
    @Min(value = 1, message = "before_seq must be at least 1") Long beforeSeq,
    @Min(value = 0, message = "after_seq must be 0 or more") Long afterSeq) {}
