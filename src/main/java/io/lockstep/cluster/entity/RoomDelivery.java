package io.lockstep.cluster.entity;

import java.io.Serializable;

/** A frame for every connection in a room, crossing from the node that sent it to the others. */
public record RoomDelivery(String room, String frame, String originNode) implements Serializable {}
