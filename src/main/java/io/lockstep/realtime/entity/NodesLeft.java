package io.lockstep.realtime.entity;

import java.util.Set;

/**
 * Fired (CDI event) on every node that sees nodes leave the cluster: what they committed but had no
 * time to deliver may be missing from this node's connections.
 */
public record NodesLeft(Set<String> nodes) {}
