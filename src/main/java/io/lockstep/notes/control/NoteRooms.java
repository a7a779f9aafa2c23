package io.lockstep.notes.control;

import io.lockstep.auth.entity.Caller;
import io.lockstep.cluster.control.Cluster;
import io.lockstep.notes.entity.AwarenessRelayed;
import io.lockstep.notes.entity.AwarenessState;
import io.lockstep.notes.entity.DocumentMember;
import io.lockstep.notes.entity.DocumentMemberEvent;
import io.lockstep.notes.entity.DocumentUpdated;
import io.lockstep.notes.entity.Permission;
import io.lockstep.realtime.control.Connection;
import io.lockstep.realtime.control.Frames;
import io.lockstep.realtime.control.RoomFanout;
import io.lockstep.realtime.control.Rooms;
import io.lockstep.realtime.control.SessionPool;
import io.lockstep.realtime.entity.ConnectionClosed;
import io.lockstep.realtime.entity.MemberLost;
import io.lockstep.realtime.entity.RoomMember;
import io.lockstep.realtime.entity.SessionEntry;
import io.lockstep.yjs.Awareness;
import io.lockstep.yjs.YjsFormatException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The live side of collaborative notes, shared by the JSON events on /ws and the y-websocket
 * endpoint: who is in a document (room {@code doc:{id}}), their awareness (cursors, names; relayed,
 * kept cluster-wide for late joiners, never stored), and updates, which are stored before they are
 * acknowledged or sent to the other members. Access is checked on every join and every update, so a
 * grant withdrawn takes effect at once.
 */
@ApplicationScoped
public class NoteRooms {

  @Inject Notes notes;
  @Inject NoteDocuments documents;
  @Inject UpdateCommits commits;
  @Inject ContentSaves contents;
  @Inject Rooms rooms;
  @Inject RoomFanout fanout;
  @Inject SessionPool sessionPool;
  @Inject Cluster cluster;

  @Inject
  @ConfigProperty(name = "lockstep.notes.max-update-bytes", defaultValue = "16777216")
  long maxUpdateBytes;

  @Inject
  @ConfigProperty(name = "lockstep.notes.max-content-chars", defaultValue = "1000000")
  int maxContentChars;

  private static final String ROOM_PREFIX = "doc:";
  private static final String AWARENESS = "lockstep.awareness";

  private ConcurrentMap<String, AwarenessState> awareness;
  private final Map<String, Set<String>> documentsOfConnection = new ConcurrentHashMap<>();

  @PostConstruct
  void init() {
    awareness = cluster.map(AWARENESS);
  }

  public static String room(String noteId) {
    return ROOM_PREFIX + noteId;
  }

  public long maxUpdateBytes() {
    return maxUpdateBytes;
  }

  /** Joins the connection to the document; read access needed. The others hear of it. */
  public Permission join(Connection connection, String noteId) {
    Permission permission = notes.permission(connection.caller(), noteId);
    String room = room(noteId);
    if (!rooms.isMember(room, connection)) {
      rooms.join(room, connection);
      documentsOfConnection
          .computeIfAbsent(connection.id(), id -> ConcurrentHashMap.newKeySet())
          .add(noteId);
      fanout.sendExcept(
          room, Frames.event("ydoc:user:joined", memberEvent(noteId, connection)), connection.id());
    }
    return permission;
  }

  public boolean isMember(Connection connection, String noteId) {
    return rooms.isMember(room(noteId), connection);
  }

  /** The stored document as one update. Join first, so that no later update is missed. */
  public byte[] state(String noteId) {
    return documents.state(noteId);
  }

  /** Everyone in the document, on every node. */
  public List<DocumentMember> members(String noteId) {
    List<DocumentMember> members = new ArrayList<>();
    rooms.members(room(noteId)).stream()
        .sorted(java.util.Comparator.comparing(member -> member.connectionId()))
        .forEach(
            member ->
                members.add(
                    new DocumentMember(
                        member.connectionId(),
                        member.userId(),
                        sessionPool
                            .get(member.connectionId())
                            .map(SessionEntry::userName)
                            .orElse(null))));
    return members;
  }

  /**
   * The awareness states known for the document, from members on every node, as one awareness
   * update; empty if none.
   */
  public Optional<byte[]> awareness(String noteId) {
    List<AwarenessState> states = awarenessOf(noteId);
    if (states.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Awareness.encode(
            states.stream()
                .map(state -> new Awareness.Entry(state.clientId(), state.clock(), state.json()))
                .toList()));
  }

  /**
   * Stores an update (write access needed) and sends it to the other members; saves the rendered
   * content, if given, with a trailing debounce; compacts the document when enough updates wait.
   *
   * @return the update's seq
   */
  public long update(Connection connection, String noteId, byte[] update, String content) {
    requireMember(connection, noteId);
    return store(connection.caller(), noteId, update, content, connection.id());
  }

  /**
   * Stores an update that did not come from a member's connection (REST) and sends it to every
   * member; {@code exceptConnection} (or null) is left out.
   */
  public long store(
      Caller caller, String noteId, byte[] update, String content, String exceptConnection) {
    if (update.length > maxUpdateBytes) {
      throw new UpdateTooLargeException(update.length, maxUpdateBytes);
    }
    if (content != null && content.length() > maxContentChars) {
      throw new InvalidNoteException("content must be at most " + maxContentChars + " characters");
    }
    NoteDocuments.requireUpdate(update);
    NoteDocuments.Stored stored = commits.store(caller, noteId, update);
    fanout.sendExcept(
        room(noteId),
        Frames.event(
            "ydoc:document:update",
            new DocumentUpdated(
                noteId, Base64.getEncoder().encodeToString(update), caller.id(), stored.seq())),
        exceptConnection);
    if (content != null) {
      contents.offer(noteId, content);
    }
    if (stored.compactionDue()) {
      documents.compactIfDue(noteId);
    }
    return stored.seq();
  }

  /** Relays an awareness update to the other members and remembers the states for late joiners. */
  public void awareness(Connection connection, String noteId, byte[] update) {
    requireMember(connection, noteId);
    List<Awareness.Entry> entries;
    try {
      entries = Awareness.decode(update);
    } catch (YjsFormatException e) {
      throw new InvalidNoteException("update is not an awareness update: " + e.getMessage());
    }
    for (Awareness.Entry entry : entries) {
      requireJson(entry.stateJson());
    }
    for (Awareness.Entry entry : entries) {
      String key = awarenessKey(noteId, entry.clientId());
      if ("null".equals(entry.stateJson())) {
        awareness.remove(key);
      } else {
        awareness.put(
            key,
            new AwarenessState(
                noteId, entry.clientId(), entry.clock(), entry.stateJson(), connection.id()));
      }
    }
    fanout.sendExcept(
        room(noteId),
        Frames.event(
            "ydoc:awareness:update",
            new AwarenessRelayed(noteId, Base64.getEncoder().encodeToString(update))),
        connection.id());
  }

  /** Leaves the document: the others hear of it, and the connection's cursors disappear. */
  public void leave(Connection connection, String noteId) {
    rooms.leave(room(noteId), connection);
    Set<String> joined = documentsOfConnection.get(connection.id());
    if (joined != null) {
      joined.remove(noteId);
    }
    departed(connection.id(), connection.caller().id(), noteId);
  }

  void connectionClosed(@Observes ConnectionClosed closed) {
    Set<String> joined = documentsOfConnection.remove(closed.connectionId());
    if (joined != null) {
      joined.forEach(noteId -> departed(closed.connectionId(), closed.userId(), noteId));
    }
  }

  /** A member on a node that died: this node removed its membership, and tells the room. */
  void memberLost(@Observes MemberLost lost) {
    RoomMember member = lost.member();
    if (member.room().startsWith(ROOM_PREFIX)) {
      departed(
          member.connectionId(), member.userId(), member.room().substring(ROOM_PREFIX.length()));
    }
  }

  private void departed(String connectionId, String userId, String noteId) {
    List<Awareness.Entry> gone = new ArrayList<>();
    for (AwarenessState state : awarenessOf(noteId)) {
      if (state.connectionId().equals(connectionId)
          && awareness.remove(awarenessKey(noteId, state.clientId()), state)) {
        gone.add(new Awareness.Entry(state.clientId(), state.clock() + 1, "null"));
      }
    }
    String room = room(noteId);
    if (!gone.isEmpty()) {
      fanout.send(
          room,
          Frames.event(
              "ydoc:awareness:update",
              new AwarenessRelayed(
                  noteId, Base64.getEncoder().encodeToString(Awareness.encode(gone)))));
    }
    fanout.send(
        room,
        Frames.event(
            "ydoc:user:left", new DocumentMemberEvent(noteId, connectionId, userId, null)));
  }

  /** Every client parses each state with JSON.parse: one that is not JSON would break them all. */
  private static void requireJson(String state) {
    if (!JsonText.isJson(state)) {
      throw new InvalidNoteException("an awareness state is not JSON");
    }
  }

  private List<AwarenessState> awarenessOf(String noteId) {
    return cluster.valuesByKeyPrefix(AWARENESS, noteId + '\n');
  }

  private static String awarenessKey(String noteId, long clientId) {
    return noteId + '\n' + clientId;
  }

  private void requireMember(Connection connection, String noteId) {
    if (!isMember(connection, noteId)) {
      throw new NotAMemberException(noteId);
    }
  }

  private static DocumentMemberEvent memberEvent(String noteId, Connection connection) {
    return new DocumentMemberEvent(
        noteId, connection.id(), connection.caller().id(), connection.caller().name());
  }
}
