package io.lockstep.sessions.entity;

/** {@code session:subscribed}: the connection now observes the session live. */
public record SessionSubscribed(String sessionId, long maxSeq, boolean isPrompting) {}
