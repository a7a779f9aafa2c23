package io.lockstep.realtime.entity;

import java.io.Serializable;

/** One signed-in connection in the cluster-wide session pool. */
public record SessionEntry(
    String connectionId, String userId, String userName, String node, long connectedAt)
    implements Serializable {}
