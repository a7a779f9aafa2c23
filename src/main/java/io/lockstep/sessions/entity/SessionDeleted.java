package io.lockstep.sessions.entity;

/** {@code session:deleted} in the owner's user room. */
public record SessionDeleted(String id) {}
