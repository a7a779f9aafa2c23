package io.lockstep.realtime.entity;

import io.lockstep.auth.entity.UserRecord;

/**
 * The answer to a successful {@code user-join}; {@code serverTime} is epoch milliseconds, {@code
 * lastSeq} the user room's seq at sign-in: events after it arrive live, earlier ones by {@code
 * user:sync}.
 */
public record Welcome(
    UserRecord user,
    String connectionId,
    String version,
    String deploymentId,
    long serverTime,
    long lastSeq) {}
