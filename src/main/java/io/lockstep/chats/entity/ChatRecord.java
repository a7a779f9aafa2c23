package io.lockstep.chats.entity;

import jakarta.json.JsonArray;
import java.time.Instant;
import java.util.List;

/** A whole chat, messages included: REST {@code GET /api/chats/{id}}. */
public record ChatRecord(
    String id,
    String title,
    List<String> tags,
    String folder,
    boolean pinned,
    boolean archived,
    int messageCount,
    JsonArray messages,
    Instant createdAt,
    Instant updatedAt) {}
