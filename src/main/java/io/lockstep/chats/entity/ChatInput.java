package io.lockstep.chats.entity;

import jakarta.json.JsonArray;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a client may set on a chat (create, or update: absent fields stay as they are). Messages are
 * JSON objects, each with a string {@code id}; they are checked by {@code MessagesCheck}.
 */
public record ChatInput(
    @Size(max = 500, message = "title has at most 500 characters")
        @Pattern(regexp = "(?s).*\\S.*", message = "title must not be blank")
        String title,
    JsonArray messages,
    @Size(max = 20, message = "tags has at most 20 entries")
        List<
                @NotBlank(message = "tags must not contain a blank tag")
                @Size(max = 50, message = "a tag has at most 50 characters") String>
            tags,
    @Size(max = 200, message = "folder has at most 200 characters") String folder) {}
