package io.lockstep.admin.control;

import io.lockstep.admin.entity.Actor;
import io.lockstep.admin.entity.AuditRecord;
import io.lockstep.admin.entity.DeploymentAnnounced;
import io.lockstep.admin.entity.RoomEnded;
import io.lockstep.auth.control.UserDirectory;
import io.lockstep.cluster.control.Cluster;
import io.lockstep.cluster.entity.NodeCommand;
import io.lockstep.cluster.entity.NodeCommand.Kind;
import io.lockstep.notes.control.NoteRooms;
import io.lockstep.presence.control.UsageSweep;
import io.lockstep.realtime.control.Connection;
import io.lockstep.realtime.control.Connections;
import io.lockstep.realtime.control.Frames;
import io.lockstep.realtime.control.RoomFanout;
import io.lockstep.realtime.control.Rooms;
import io.lockstep.realtime.control.SessionPool;
import io.lockstep.realtime.entity.CloseCodes;
import io.lockstep.system.control.Deployment;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * What an admin does to the live state, on every node of the cluster: each action acts on this
 * node's connections and sends a {@link NodeCommand} so every other node does the same with its
 * own. Every action is written to the {@link AuditLog} first.
 */
@ApplicationScoped
public class AdminActions {

  private static final Logger LOG = Logger.getLogger(AdminActions.class.getName());
  private static final Pattern ROOM = Pattern.compile("(user|session|doc):[^\\s]{1,255}");

  @Inject Cluster cluster;
  @Inject Connections connections;
  @Inject SessionPool sessionPool;
  @Inject Rooms rooms;
  @Inject RoomFanout fanout;
  @Inject NoteRooms noteRooms;
  @Inject Deployment deployment;
  @Inject AuditLog audit;
  @Inject UsageSweep usageSweep;
  @Inject UserDirectory users;

  // commands act off the data grid's event thread
  @Resource ManagedExecutorService executor;

  void listen(@Observes @Initialized(ApplicationScoped.class) Object started) {
    cluster.onCommand(command -> executor.execute(() -> received(command)));
  }

  /** Whether the text names a room: {@code user:…}, {@code session:…} or {@code doc:…}. */
  public static boolean isRoom(String room) {
    return room != null && ROOM.matcher(room).matches();
  }

  /**
   * Closes every connection of the user on every node (close code 4002); the user's clients
   * reconnect, with fresh permissions. Returns the audit entry, which says how many were open.
   */
  public AuditRecord disconnectUser(Actor actor, String userId) {
    long open = sessionPool.all().stream().filter(entry -> entry.userId().equals(userId)).count();
    AuditRecord entry =
        audit.record(actor, "user.disconnect", userId, open + " connections closed");
    disconnectHere(userId);
    cluster.publish(new NodeCommand(Kind.DISCONNECT_USER, userId, cluster.nodeName()));
    return entry;
  }

  /**
   * Deletes the user: from now on their tokens are refused everywhere (REST 401, WebSocket 4401),
   * and every open connection of theirs closes with 4401, so clients do not reconnect. Empty when
   * there is no such user.
   */
  public Optional<AuditRecord> deleteUser(Actor actor, String userId) {
    if (users.delete(userId).isEmpty()) {
      return Optional.empty();
    }
    AuditRecord entry = audit.record(actor, "user.delete", userId, "deleted; tokens refused");
    closeDeletedHere(userId);
    cluster.publish(new NodeCommand(Kind.USER_DELETED, userId, cluster.nodeName()));
    return Optional.of(entry);
  }

  /**
   * Takes every connection out of the room on every node; each gets {@code room:ended}. A note's
   * members are told that the others left, y-websocket connections are closed, and ending a user
   * room disconnects the user. Members may join again if they still have access.
   */
  public AuditRecord endRoom(Actor actor, String room) {
    int members = rooms.members(room).size();
    AuditRecord entry = audit.record(actor, "room.end", room, members + " members removed");
    endHere(room);
    cluster.publish(new NodeCommand(Kind.END_ROOM, room, cluster.nodeName()));
    return entry;
  }

  /** Removes stale model-usage entries now, as the periodic sweep would. */
  public AuditRecord sweepUsage(Actor actor) {
    int removed = usageSweep.sweepNow();
    return audit.record(actor, "usage.sweep", null, removed + " stale entries removed");
  }

  /** Tells every connected client that a new deployment is out: clients reload. */
  public AuditRecord announceDeployment(Actor actor) {
    String id = deployment.id();
    AuditRecord entry =
        audit.record(actor, "deployment.announce", id, "announced to every connection");
    fanout.broadcast(Frames.event("deployment:new", new DeploymentAnnounced(id)));
    return entry;
  }

  private void received(NodeCommand command) {
    switch (command.kind()) {
      case DISCONNECT_USER -> disconnectHere(command.target());
      case USER_DELETED -> closeDeletedHere(command.target());
      case END_ROOM -> endHere(command.target());
      default -> {} // not an admin's
    }
  }

  private void disconnectHere(String userId) {
    closeHere(
        userId,
        CloseCodes.reason(CloseCodes.DISCONNECTED_BY_ADMIN, "disconnected by an administrator"));
  }

  private void closeDeletedHere(String userId) {
    closeHere(userId, CloseCodes.reason(CloseCodes.UNAUTHORIZED, "this user was deleted"));
  }

  private void closeHere(String userId, CloseReason reason) {
    int closed = 0;
    for (Connection connection : List.copyOf(connections.all())) {
      if (connection.isJoined() && connection.caller().id().equals(userId)) {
        connection.closeQuietly(reason);
        closed++;
      }
    }
    int count = closed;
    LOG.info(
        () ->
            "Closed " + count + " connections of user " + userId + ": " + reason.getReasonPhrase());
  }

  private void endHere(String room) {
    if (room.startsWith("user:")) {
      disconnectHere(room.substring("user:".length()));
      return;
    }
    String frame = Frames.event("room:ended", new RoomEnded(room));
    Set<Connection> members = Set.copyOf(rooms.localMembers(room));
    for (Connection connection : members) {
      if (connection.isTranslated()) {
        connection.closeQuietly(CloseCodes.reason(CloseCodes.NOT_FOUND, "the room was ended"));
        continue;
      }
      if (room.startsWith("doc:")) {
        noteRooms.leave(connection, room.substring("doc:".length()));
      } else {
        rooms.leave(room, connection);
      }
      connection.send(frame);
    }
  }
}
