package io.lockstep.notes.entity;

/** {@code ydoc:document:update} as the other members get it. */
public record DocumentUpdated(String documentId, String update, String userId, long seq) {}
