package io.lockstep.realtime.entity;

import java.io.Serializable;

/** One connection in one room, in the cluster-wide room membership. */
public record RoomMember(String room, String connectionId, String userId, String node)
    implements Serializable {}
