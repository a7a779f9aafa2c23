package io.lockstep.sessions.entity;

/** {@code cancel_ack}: whether a running prompt was cancelled. */
public record CancelAck(String sessionId, boolean cancelled) {}
