package io.lockstep.sessions.entity;

/** {@code prompt_ack}: the prompt is stored as event {@code seq}; {@code duplicate} on a retry. */
public record PromptAck(String sessionId, String promptId, long seq, boolean duplicate) {}
