package io.lockstep.notes.entity;

/** {@code ydoc:document:update:ack}: the update is stored as {@code seq}. */
public record DocumentUpdateAck(String documentId, long seq) {}
