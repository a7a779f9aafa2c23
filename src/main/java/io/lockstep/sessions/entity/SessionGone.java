package io.lockstep.sessions.entity;

/** {@code session_gone}: the session was deleted or archived; the client stops following it. */
public record SessionGone(String sessionId, String reason) {}
