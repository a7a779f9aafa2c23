package io.lockstep.sessions.entity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code prompt {session_id, prompt_id, text}}; {@code prompt_id} makes a retry safe. */
public record PromptRequest(
    @NotBlank(message = "session_id is required")
        @Size(max = 64, message = "session_id must be at most 64 characters")
        String sessionId,
    @NotBlank(message = "prompt_id is required")
        @Size(max = 128, message = "prompt_id must be at most 128 characters")
        String promptId,
    @NotNull(message = "text is required")
        @Pattern(regexp = "(?s).*\\S.*", message = "text must not be blank")
        String text) {}
