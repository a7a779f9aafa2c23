package io.lockstep.realtime.entity;

/** Fired (CDI event) in the transaction that appended to a stream; delivered after it commits. */
public record StreamEventRecorded(String stream, long seq, String frame) {}
