package io.lockstep.admin.boundary;

import java.util.Map;

/** {@code io.lockstep:type=Rooms}: rooms by kind, and ending one. */
public interface RoomsMXBean {

  /** Rooms with at least one member on any node, by kind (user, session, doc). */
  Map<String, Integer> getRoomsByKind();

  /** Takes every connection out of the room on every node; returns the audit outcome. */
  String endRoom(String room);
}
