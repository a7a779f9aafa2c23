package io.lockstep.sessions.entity;

/** Fired when a session is deleted or archived; its observers are told after the commit. */
public record SessionEnded(String sessionId, String reason) {}
