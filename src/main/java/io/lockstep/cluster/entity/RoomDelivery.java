package io.lockstep.cluster.entity;

import java.io.Serializable;

/**
 * A frame for every connection in a room, crossing from the node that sent it to the others. {@code
 * seq} is the frame's place in the room's stream (0 for a transient frame); {@code
 * exceptConnection} names a connection that must not get it (the sender's), or is null.
 */
public record RoomDelivery(
    String room, String frame, long seq, String exceptConnection, String originNode)
    implements Serializable {}
