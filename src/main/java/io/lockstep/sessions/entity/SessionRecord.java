package io.lockstep.sessions.entity;

import java.time.Instant;

/** An agent session as REST and the user room show it. */
public record SessionRecord(
    String id,
    String ownerId,
    String title,
    String model,
    String adapter,
    boolean archived,
    long maxSeq,
    boolean isPrompting,
    Instant createdAt,
    Instant updatedAt) {}
