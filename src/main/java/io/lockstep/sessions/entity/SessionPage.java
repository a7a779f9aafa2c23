package io.lockstep.sessions.entity;

import java.util.List;

/** One page of the caller's sessions, newest first. */
public record SessionPage(List<SessionRecord> items, int page, int size, long total) {}
