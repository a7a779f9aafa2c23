package io.lockstep.sessions.entity;

/** What an observer needs to know about a session at a glance. */
public record SessionState(String id, long maxSeq, boolean isPrompting, boolean archived) {}
