package io.lockstep.realtime.control;

import io.lockstep.cluster.control.Cluster;
import io.lockstep.metrics.control.Meters;
import io.lockstep.realtime.entity.RoomMember;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Room membership: a local index for delivery on this node, and a cluster-wide map that answers who
 * is in a room on any node. Room names are {@code user:{id}}, {@code session:{id}}, {@code
 * doc:{id}}.
 */
@ApplicationScoped
public class Rooms {

  @Inject Cluster cluster;
  @Inject Meters meters;

  private final ConcurrentMap<String, Set<Connection>> local = new ConcurrentHashMap<>();
  private static final String MEMBERS = "lockstep.rooms";

  private ConcurrentMap<String, RoomMember> members;

  @PostConstruct
  void init() {
    members = cluster.map(MEMBERS);
  }

  /** Rooms with members on this node, by kind, as gauges. */
  void registerGauges(@Observes @Initialized(ApplicationScoped.class) Object started) {
    for (String kind : List.of("user", "session", "doc")) {
      meters.gauge(
          "lockstep.rooms",
          "Rooms with members on this node, by kind",
          () -> local.keySet().stream().filter(room -> room.startsWith(kind + ':')).count(),
          "kind",
          kind);
    }
  }

  public static String userRoom(String userId) {
    return "user:" + userId;
  }

  /** Whether this connection is in the room. */
  public boolean isMember(String room, Connection connection) {
    return connection.rooms().contains(room);
  }

  public void join(String room, Connection connection) {
    local.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(connection);
    connection.rooms().add(room);
    members.put(
        key(room, connection),
        new RoomMember(room, connection.id(), connection.caller().id(), cluster.nodeName()));
  }

  public void leave(String room, Connection connection) {
    local.computeIfPresent(
        room,
        (r, set) -> {
          set.remove(connection);
          return set.isEmpty() ? null : set;
        });
    connection.rooms().remove(room);
    connection.closeCursor(room);
    members.remove(key(room, connection));
  }

  void leaveAll(Connection connection) {
    for (String room : List.copyOf(connection.rooms())) {
      leave(room, connection);
    }
  }

  /** This node's connections in the room. */
  public Set<Connection> localMembers(String room) {
    return local.getOrDefault(room, Set.of());
  }

  /** Every membership of every room on every node (a scan: for the admin page). */
  public List<RoomMember> allMembers() {
    return List.copyOf(members.values());
  }

  /** Every connection in the room, on every node. */
  public List<RoomMember> members(String room) {
    return cluster.valuesByKeyPrefix(MEMBERS, room + '\n');
  }

  /**
   * Removes the memberships of connections on nodes that left the cluster. Each removal is
   * conditional, so when every node runs this at once, each membership is removed, and returned, by
   * exactly one of them.
   */
  public List<RoomMember> removeAllBut(Set<String> liveNodes) {
    List<RoomMember> removed = new ArrayList<>();
    for (var entry : List.copyOf(members.entrySet())) {
      if (!liveNodes.contains(entry.getValue().node())
          && members.remove(entry.getKey(), entry.getValue())) {
        removed.add(entry.getValue());
      }
    }
    return removed;
  }

  private static String key(String room, Connection connection) {
    return room + '\n' + connection.id();
  }
}
