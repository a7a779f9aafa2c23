package io.lockstep.admin.entity;

/** {@code deployment:new}: the deployment the clients should reload into. */
public record DeploymentAnnounced(String deploymentId) {}
