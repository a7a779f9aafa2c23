package io.lockstep.sessions.entity;

/**
 * {@code events_loaded}, beside its {@code events} array. {@code first_seq}/{@code last_seq} bound
 * the range the reply covers (0 when it is empty); {@code stale} says that {@code after_seq} was
 * beyond the log, so this is a fresh initial load that replaces what the client shows.
 */
public record EventsLoaded(
    String sessionId,
    boolean hasMore,
    long firstSeq,
    long lastSeq,
    long maxSeq,
    long totalCount,
    boolean prepend,
    boolean isPrompting,
    Boolean stale) {}
