package io.lockstep.admin.entity;

/** {@code room:ended}: an administrator took this connection out of the room. */
public record RoomEnded(String room) {}
