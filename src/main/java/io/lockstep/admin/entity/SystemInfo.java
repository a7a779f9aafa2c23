package io.lockstep.admin.entity;

import java.util.Set;

/** What an admin needs to know about this node. */
public record SystemInfo(
    String version,
    String deploymentId,
    String persistenceProvider,
    String database,
    String node,
    boolean clustered,
    Set<String> nodes,
    int connections) {}
