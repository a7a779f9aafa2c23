package io.lockstep.realtime.entity;

/**
 * Fired (CDI event) on the one node that removed the room membership of a connection whose node
 * left the cluster; that node tells the room, as the lost node would have on a close.
 */
public record MemberLost(RoomMember member) {}
