package io.lockstep.chats.entity;

import java.util.List;

/** One page of a chat list, newest first; {@code total} counts all pages. */
public record ChatPage(List<ChatSummary> items, int page, int size, long total) {}
