package io.lockstep.chats.entity;

import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code events {chat_id, message_id, data}} as open-webui streams assistant output into a chat:
 * {@code data.type} is {@code message} (append {@code content}), {@code replace} (set {@code
 * content}) or {@code status} (set the message's {@code status} to the rest of {@code data}).
 */
public record ChatStreamEvent(
    @NotBlank(message = "chat_id is required") @Size(max = 36, message = "chat_id is too long")
        String chatId,
    @NotBlank(message = "message_id is required")
        @Size(max = 100, message = "message_id has at most 100 characters")
        String messageId,
    @NotNull(message = "data is required") JsonObject data) {}
