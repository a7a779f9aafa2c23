package io.lockstep.admin.entity;

/** A node of the cluster, the connections signed in there, and whether it answered this request. */
public record NodeView(String node, boolean self, long connections) {}
