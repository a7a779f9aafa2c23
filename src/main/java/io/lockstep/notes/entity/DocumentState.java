package io.lockstep.notes.entity;

import java.util.List;

/**
 * {@code ydoc:document:state}: the whole stored document (base64), who is in it, and what the
 * caller may do ({@code read}, {@code write} or {@code owner}).
 */
public record DocumentState(
    String documentId, String state, List<DocumentMember> sessions, String permission) {}
