package io.lockstep.notes.entity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code ydoc:awareness:update {document_id, update}}: a y-protocols awareness update, base64. */
public record AwarenessUpdate(
    @NotBlank(message = "document_id is required")
        @Size(max = 64, message = "document_id must be at most 64 characters")
        String documentId,
    @NotNull(message = "update is required")
        @Size(max = 87_400, message = "update must be at most 64 KiB")
        String update) {}
