package io.lockstep.sessions.entity;

import java.time.Instant;

/**
 * A prompt that runs now, for the admin page: {@code alive} is false once its node stopped showing
 * life (it will be closed as interrupted).
 */
public record RunningPrompt(
    String sessionId,
    String ownerId,
    String title,
    String model,
    String promptId,
    String node,
    Instant aliveAt,
    boolean alive) {}
