package io.lockstep.admin.entity;

import java.util.List;

/** A signed-in user and the connections they hold, on any node. */
public record ConnectedUser(String userId, String name, List<UserConnection> connections) {

  /** One connection: where it is, since when (epoch milliseconds). */
  public record UserConnection(String connectionId, String node, long connectedAt) {}
}
