package io.lockstep.auth.entity;

/** Fired (CDI event) in the transaction that creates a user, at the user's first sign-in. */
public record UserCreated(String userId) {}
