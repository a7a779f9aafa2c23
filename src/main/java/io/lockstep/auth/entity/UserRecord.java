package io.lockstep.auth.entity;

import java.time.Instant;

/** A user on the wire (REST and WebSocket). */
public record UserRecord(String id, String name, String email, String role, Instant lastActiveAt) {}
