package io.lockstep.realtime.entity;

/** The payload of a frame that carries nothing beside its type and id. */
public record NoFields() {}
