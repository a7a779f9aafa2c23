package io.lockstep.system.entity;

public record VersionRecord(String version, String deploymentId) {}
