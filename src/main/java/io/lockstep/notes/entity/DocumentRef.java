package io.lockstep.notes.entity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code ydoc:document:join} and {@code ydoc:document:leave}: {@code {document_id}}. */
public record DocumentRef(
    @NotBlank(message = "document_id is required")
        @Size(max = 64, message = "document_id must be at most 64 characters")
        String documentId) {}
