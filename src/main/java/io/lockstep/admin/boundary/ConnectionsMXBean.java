package io.lockstep.admin.boundary;

/** {@code io.lockstep:type=Connections}: who is connected, and the disconnect an admin needs. */
public interface ConnectionsMXBean {

  /** WebSocket connections open on this node (signed in or not yet). */
  int getOpenHere();

  /** Signed-in connections on every node. */
  int getSignedIn();

  /** Distinct signed-in users on every node. */
  int getUsers();

  /** Closes every connection of the user on every node; returns the audit outcome. */
  String disconnectUser(String userId);
}
