package io.lockstep.notes.entity;

/** {@code ydoc:awareness:update} as the other members get it. */
public record AwarenessRelayed(String documentId, String update) {}
