package io.lockstep.chats.entity;

import java.time.Instant;
import java.util.List;

/** A chat without its messages: in lists and in change events. */
public record ChatSummary(
    String id,
    String title,
    List<String> tags,
    String folder,
    boolean pinned,
    boolean archived,
    int messageCount,
    Instant createdAt,
    Instant updatedAt) {}
