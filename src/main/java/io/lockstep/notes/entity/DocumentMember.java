package io.lockstep.notes.entity;

/** A connection in a document: {@code session_id} is its connection id. */
public record DocumentMember(String sessionId, String userId, String name) {}
