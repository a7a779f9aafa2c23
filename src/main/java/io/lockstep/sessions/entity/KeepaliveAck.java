package io.lockstep.sessions.entity;

/** {@code keepalive_ack}: the server's view of one session, for gap and zombie detection. */
public record KeepaliveAck(
    String sessionId,
    Long clientTime,
    long serverTime,
    Long serverMaxSeq,
    Boolean isPrompting,
    Long lastSeenSeq) {}
