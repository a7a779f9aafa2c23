package io.lockstep.realtime.entity;

/** Fired (CDI event) after a signed-in connection left this node, for whoever keeps state on it. */
public record ConnectionClosed(String connectionId, String userId) {}
