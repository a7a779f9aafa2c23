package io.lockstep.sessions.entity;

/** {@code session:created} / {@code session:updated} in the owner's user room. */
public record SessionChanged(SessionRecord session) {}
