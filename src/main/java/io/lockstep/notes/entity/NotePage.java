package io.lockstep.notes.entity;

import java.util.List;

/** One page of the notes a caller may read, newest first; {@code content} is an excerpt. */
public record NotePage(List<NoteRecord> items, int page, int size, long total) {}
