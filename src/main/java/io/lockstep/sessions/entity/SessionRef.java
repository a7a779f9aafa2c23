package io.lockstep.sessions.entity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code session:subscribe}, {@code session:unsubscribe}, {@code cancel}: {@code {session_id}}. */
public record SessionRef(
    @NotBlank(message = "session_id is required")
        @Size(max = 64, message = "session_id must be at most 64 characters")
        String sessionId) {}
