package io.lockstep.notes.entity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code ydoc:document:update {document_id, update, content?}}: a Yjs update, base64-encoded; a
 * writer may add the text it renders from the document, for listing and search.
 */
public record DocumentUpdate(
    @NotBlank(message = "document_id is required")
        @Size(max = 64, message = "document_id must be at most 64 characters")
        String documentId,
    @NotNull(message = "update is required") String update,
    String content) {}
