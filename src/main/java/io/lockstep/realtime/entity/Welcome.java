package io.lockstep.realtime.entity;

import io.lockstep.auth.entity.UserRecord;

/** The answer to a successful {@code user-join}; {@code serverTime} is epoch milliseconds. */
public record Welcome(
    UserRecord user, String connectionId, String version, String deploymentId, long serverTime) {}
