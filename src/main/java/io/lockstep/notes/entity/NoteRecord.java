package io.lockstep.notes.entity;

import java.time.Instant;

/**
 * A note as REST shows it. {@code content} is the text a client with write access last rendered
 * from the document (for listing and search); the document itself travels over /ws. {@code
 * permission} is the caller's: {@code read}, {@code write} or {@code owner}. {@code access} is
 * shown to those who may change it. {@code document_seq} counts the document's stored updates;
 * {@code compacted_seq} is the last of them merged into its snapshot.
 */
public record NoteRecord(
    String id,
    String ownerId,
    String title,
    String content,
    String permission,
    NoteAccess access,
    long documentSeq,
    long compactedSeq,
    Instant createdAt,
    Instant updatedAt) {}
