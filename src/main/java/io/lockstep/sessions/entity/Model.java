package io.lockstep.sessions.entity;

/** A model a user can pick: its id and the agent adapter that serves it. */
public record Model(String id, String adapter) {}
