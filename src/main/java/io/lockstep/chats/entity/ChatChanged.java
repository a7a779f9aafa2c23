package io.lockstep.chats.entity;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * The payload of {@code chat:created} and {@code chat:updated}: the chat without its messages, plus
 * the messages this change added or altered. When those would make the frame too large they are
 * left out and {@code messages_omitted} is true: the client fetches the chat over REST.
 */
public record ChatChanged(
    ChatSummary chat, List<JsonObject> changedMessages, Boolean messagesOmitted) {}
