package io.lockstep.notes.entity;

/** {@code ydoc:user:joined} and {@code ydoc:user:left}. */
public record DocumentMemberEvent(
    String documentId, String sessionId, String userId, String name) {}
