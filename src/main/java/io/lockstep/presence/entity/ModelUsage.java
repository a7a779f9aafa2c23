package io.lockstep.presence.entity;

public record ModelUsage(String model, int connections) {}
