package io.lockstep.auth.entity;

/** Fired (CDI event) when a user's record changed; observed after the transaction commits. */
public record UserChanged(UserRecord user) {}
