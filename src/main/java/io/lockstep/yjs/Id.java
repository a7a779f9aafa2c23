package io.lockstep.yjs;

/** A struct's id: the client that made it and the clock of its first unit. */
public record Id(long client, long clock) {}
