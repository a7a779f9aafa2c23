package io.lockstep.sessions.entity;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Create or rename a session: {@code {title?, model?}}. The model is chosen at creation only. */
public record SessionInput(
    @Size(min = 1, max = 500, message = "title must be 1 to 500 characters")
        @Pattern(regexp = "(?s).*\\S.*", message = "title must not be blank")
        String title,
    @Size(min = 1, max = 200, message = "model must be 1 to 200 characters") String model) {}
