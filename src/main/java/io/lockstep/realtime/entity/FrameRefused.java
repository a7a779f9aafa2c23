package io.lockstep.realtime.entity;

/**
 * Fired (CDI event) when a frame on /ws is answered with an {@code error} frame. {@code frameType}
 * is the frame's type if it names a known one, else null; {@code userId} is null before sign-in.
 */
public record FrameRefused(
    ErrorCode code,
    String frameType,
    String message,
    String connectionId,
    String userId,
    long atMillis) {}
