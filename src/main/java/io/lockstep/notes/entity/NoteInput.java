package io.lockstep.notes.entity;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Create or rename a note: {@code {title?}}. */
public record NoteInput(
    @Size(min = 1, max = 500, message = "title must be 1 to 500 characters")
        @Pattern(regexp = "(?s).*\\S.*", message = "title must not be blank")
        String title) {}
