package io.lockstep.realtime.entity;

/**
 * The answer to {@code user:sync}, beside its {@code events} array: {@code last_seq} is the seq to
 * ask after next, {@code has_more} whether to ask again, {@code reset} that the window no longer
 * covers the request and the client must reload its state over REST.
 */
public record UserSyncResult(long lastSeq, boolean hasMore, boolean reset) {}
