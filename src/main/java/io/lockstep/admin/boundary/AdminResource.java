package io.lockstep.admin.boundary;

import io.lockstep.admin.control.AdminActions;
import io.lockstep.admin.control.AuditLog;
import io.lockstep.admin.control.RecentErrors;
import io.lockstep.admin.entity.Actor;
import io.lockstep.admin.entity.AuditRecord;
import io.lockstep.admin.entity.ConnectedUser;
import io.lockstep.admin.entity.NodeView;
import io.lockstep.admin.entity.RecentError;
import io.lockstep.admin.entity.RoomView;
import io.lockstep.auth.boundary.Callers;
import io.lockstep.cluster.control.Cluster;
import io.lockstep.presence.control.UsagePool;
import io.lockstep.presence.entity.ModelUsage;
import io.lockstep.realtime.control.Rooms;
import io.lockstep.realtime.control.SessionPool;
import io.lockstep.realtime.entity.RoomMember;
import io.lockstep.realtime.entity.SessionEntry;
import io.lockstep.sessions.control.AgentSessions;
import io.lockstep.sessions.entity.RunningPrompt;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The admin console's API ({@code /api/admin}, role {@code admin}): the live state of every node
 * and the actions on it. Every action is written to the audit log.
 */
@Path("admin")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

  @Inject JsonWebToken token;
  @Inject Cluster cluster;
  @Inject SessionPool sessionPool;
  @Inject Rooms rooms;
  @Inject UsagePool usage;
  @Inject AgentSessions sessions;
  @Inject RecentErrors errors;
  @Inject AuditLog audit;
  @Inject AdminActions actions;

  /** Signed-in users and their connections on every node, by name. */
  @GET
  @Path("connections")
  public List<ConnectedUser> connections() {
    Map<String, List<SessionEntry>> byUser =
        sessionPool.all().stream()
            .collect(
                Collectors.groupingBy(SessionEntry::userId, TreeMap::new, Collectors.toList()));
    return byUser.values().stream()
        .map(
            entries ->
                new ConnectedUser(
                    entries.get(0).userId(),
                    entries.get(0).userName(),
                    entries.stream()
                        .sorted(Comparator.comparingLong(SessionEntry::connectedAt))
                        .map(
                            e ->
                                new ConnectedUser.UserConnection(
                                    e.connectionId(), e.node(), e.connectedAt()))
                        .toList()))
        .sorted(Comparator.comparing(ConnectedUser::name, String.CASE_INSENSITIVE_ORDER))
        .toList();
  }

  /** Rooms and their members on every node, optionally of one kind (user, session, doc). */
  @GET
  @Path("rooms")
  public List<RoomView> rooms(@QueryParam("kind") String kind) {
    Map<String, List<RoomMember>> byRoom =
        rooms.allMembers().stream()
            .filter(member -> kind == null || member.room().startsWith(kind + ":"))
            .collect(Collectors.groupingBy(RoomMember::room, TreeMap::new, Collectors.toList()));
    return byRoom.entrySet().stream()
        .map(
            room ->
                new RoomView(
                    room.getKey(),
                    room.getKey().substring(0, room.getKey().indexOf(':')),
                    room.getValue().stream()
                        .map(m -> new RoomView.Member(m.connectionId(), m.userId(), m.node()))
                        .sorted(Comparator.comparing(RoomView.Member::connectionId))
                        .toList()))
        .toList();
  }

  /** Models in use now, with the number of connections using each. */
  @GET
  @Path("usage")
  public List<ModelUsage> usage() {
    return usage.inUse();
  }

  /** Agent prompts running now on any node. */
  @GET
  @Path("prompts")
  public List<RunningPrompt> prompts(
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    return sessions.prompting(limit);
  }

  /** The latest error frames sent to clients, newest first, from every node. */
  @GET
  @Path("errors")
  public List<RecentError> errors(
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    return errors.newest(limit);
  }

  /** The nodes of the cluster and the connections signed in on each. */
  @GET
  @Path("nodes")
  public List<NodeView> nodes() {
    Map<String, Long> perNode =
        sessionPool.all().stream()
            .collect(Collectors.groupingBy(SessionEntry::node, Collectors.counting()));
    return cluster.nodeNames().stream()
        .sorted()
        .map(
            node ->
                new NodeView(node, node.equals(cluster.nodeName()), perNode.getOrDefault(node, 0L)))
        .toList();
  }

  /** The audit log, newest first; page with {@code before} (the {@code at} of the last entry). */
  @GET
  @Path("audit")
  public List<AuditRecord> audit(
      @QueryParam("before") String before,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    return audit.newest(instant(before), limit);
  }

  /** Closes every connection of the user on every node; the user's clients reconnect. */
  @POST
  @Path("users/{userId}/disconnect")
  public AuditRecord disconnect(@PathParam("userId") String userId) {
    return actions.disconnectUser(Actor.of(Callers.from(token)), userId);
  }

  /**
   * Deletes a user: their personal data goes, the id stays as a tombstone, their tokens are refused
   * everywhere and their open connections close with 4401.
   */
  @DELETE
  @Path("users/{userId}")
  public AuditRecord deleteUser(@PathParam("userId") String userId) {
    return actions
        .deleteUser(Actor.of(Callers.from(token)), userId)
        .orElseThrow(() -> new NotFoundException("no user " + userId));
  }

  /** Takes every connection out of the room ({@code user:…}, {@code session:…}, {@code doc:…}). */
  @POST
  @Path("rooms/{room}/end")
  public AuditRecord endRoom(@PathParam("room") String room) {
    if (!AdminActions.isRoom(room)) {
      throw new BadRequestException("room must be user:<id>, session:<id> or doc:<id>");
    }
    return actions.endRoom(Actor.of(Callers.from(token)), room);
  }

  /** Removes stale model-usage entries now. */
  @POST
  @Path("usage/sweep")
  public AuditRecord sweepUsage() {
    return actions.sweepUsage(Actor.of(Callers.from(token)));
  }

  /** Tells every connected client that a new deployment is out, so that it reloads. */
  @POST
  @Path("deployment/announce")
  public AuditRecord announce() {
    return actions.announceDeployment(Actor.of(Callers.from(token)));
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadRequestException(
          "before must be an ISO-8601 instant, e.g. 2026-01-31T12:00:00Z");
    }
  }
}
