package io.lockstep.presence.entity;

/** Who is online: id and name only, never another user's connection details. */
public record OnlineUser(String id, String name) {}
