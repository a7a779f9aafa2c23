package io.lockstep.admin.entity;

import java.util.List;

/** A room and its members on every node; {@code kind} is user, session or doc. */
public record RoomView(String room, String kind, List<Member> members) {

  public record Member(String connectionId, String userId, String node) {}
}
