package io.lockstep.notes.boundary;

import io.lockstep.notes.control.InvalidNoteException;
import io.lockstep.notes.control.NoteForbiddenException;
import io.lockstep.notes.control.NoteNotFoundException;
import io.lockstep.notes.control.NoteRooms;
import io.lockstep.notes.control.UpdateTooLargeException;
import io.lockstep.realtime.boundary.HandshakeConfigurator;
import io.lockstep.realtime.control.Admission;
import io.lockstep.realtime.control.Connection;
import io.lockstep.realtime.control.Connections;
import io.lockstep.realtime.control.ContainerIdleTimer;
import io.lockstep.realtime.control.FrameDispatcher;
import io.lockstep.realtime.entity.CloseCodes;
import io.lockstep.yjs.YUpdates;
import io.lockstep.yjs.YjsFormatException;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The standard y-websocket protocol for one note at {@code /ws/yjs/{noteId}}, so that any Yjs
 * editor with a y-websocket provider joins unchanged. It signs in with the same JWT (the {@code
 * token} query parameter, which y-websocket's {@code params} option sets, or an Authorization
 * header), applies the same access rules, and shares storage and rooms with the {@code ydoc:*}
 * events on /ws: an edit through one reaches the members on the other.
 */
@ServerEndpoint(value = "/ws/yjs/{noteId}", configurator = HandshakeConfigurator.class)
public class YjsEndpoint {

  private static final Logger LOG = Logger.getLogger(YjsEndpoint.class.getName());

  @Inject Connections connections;
  @Inject Admission admission;
  @Inject FrameDispatcher dispatcher;
  @Inject NoteRooms noteRooms;

  private Connection connection;
  private String noteId;
  private boolean mayWrite;

  @OnOpen
  public void open(Session session, EndpointConfig config, @PathParam("noteId") String noteId) {
    this.noteId = noteId;
    session.setMaxIdleTimeout(0);
    ContainerIdleTimer.skipWhileOff(session);
    session.setMaxTextMessageBufferSize(1024);
    session.setMaxBinaryMessageBufferSize(
        (int) Math.min(Integer.MAX_VALUE - 8L, noteRooms.maxUpdateBytes() + 64 * 1024L));
    connection = connections.open(session, new YjsTranslator(noteId));
    String token = token(session, config);
    if (token == null) {
      connection.closeQuietly(
          CloseCodes.reason(CloseCodes.UNAUTHORIZED, "send the JWT as the token parameter"));
      return;
    }
    admission.admit(connection, token, null);
    if (!connection.isJoined()) {
      return; // admission closed it, saying why
    }
    try {
      mayWrite =
          noteRooms.join(connection, noteId).allows(io.lockstep.notes.entity.Permission.WRITE);
    } catch (NoteNotFoundException e) {
      connection.sendBinary(YMessages.permissionDenied(e.getMessage()));
      connection.closeQuietly(CloseCodes.reason(CloseCodes.NOT_FOUND, e.getMessage()));
      return;
    }
    byte[] state = noteRooms.state(noteId);
    connection.sendBinary(YMessages.syncStep1(YUpdates.stateVector(state)));
    noteRooms
        .awareness(noteId)
        .ifPresent(states -> connection.sendBinary(YMessages.awareness(states)));
  }

  @OnMessage
  public void message(byte[] message) {
    if (connection == null || !connection.isJoined()) {
      return;
    }
    if (!connection.admitMessage()) {
      connection.closeQuietly(
          CloseCodes.reason(CloseCodes.TOO_MANY_MESSAGES, "too many messages a second"));
      return;
    }
    try {
      YMessages.Message received = YMessages.read(message);
      switch (received.kind()) {
        case SYNC_STEP_1 ->
            connection.sendBinary(
                YMessages.syncStep2(YUpdates.diff(noteRooms.state(noteId), received.payload())));
        case SYNC_STEP_2, UPDATE -> update(received.payload());
        case AWARENESS -> noteRooms.awareness(connection, noteId, received.payload());
        case QUERY_AWARENESS ->
            noteRooms
                .awareness(noteId)
                .ifPresent(states -> connection.sendBinary(YMessages.awareness(states)));
        case OTHER -> {}
      }
    } catch (YjsFormatException | InvalidNoteException e) {
      LOG.info(() -> "Malformed y-websocket message on " + connection.id() + ": " + e.getMessage());
      connection.closeQuietly(CloseCodes.reason(CloseCodes.BAD_MESSAGE, "malformed message"));
    } catch (NoteNotFoundException e) {
      connection.closeQuietly(CloseCodes.reason(CloseCodes.NOT_FOUND, e.getMessage()));
    }
  }

  /**
   * A reader's updates are refused with y-websocket's permission-denied message, not stored and not
   * sent; its empty sync answers are not updates at all.
   */
  private void update(byte[] update) {
    if (YUpdates.isEmpty(update)) {
      return;
    }
    if (!mayWrite) {
      connection.sendBinary(YMessages.permissionDenied("you may read this note, not change it"));
      return;
    }
    try {
      noteRooms.update(connection, noteId, update, null);
    } catch (NoteForbiddenException e) {
      mayWrite = false;
      connection.sendBinary(YMessages.permissionDenied(e.getMessage()));
    } catch (UpdateTooLargeException e) {
      connection.sendBinary(YMessages.permissionDenied(e.getMessage()));
    }
  }

  @OnMessage
  public void text(String frame) {
    if (connection != null) {
      connection.closeQuietly(
          CloseCodes.reason(CloseCodes.BAD_MESSAGE, "y-websocket speaks binary messages"));
    }
  }

  @OnMessage
  public void pong(PongMessage pong) {
    if (connection != null) {
      dispatcher.receivePong(connection, pong.getApplicationData());
    }
  }

  @OnClose
  public void close(CloseReason reason) {
    if (connection != null) {
      connections.forget(connection);
    }
  }

  @OnError
  public void error(Throwable error) {
    // a client that goes away mid-frame is routine; anything else is a fault to see in the logs
    Level level = error instanceof java.io.IOException ? Level.FINE : Level.WARNING;
    LOG.log(
        level,
        error,
        () -> "Error on y-websocket connection " + (connection == null ? "?" : connection.id()));
  }

  private static String token(Session session, EndpointConfig config) {
    List<String> values = session.getRequestParameterMap().get("token");
    if (values != null && !values.isEmpty() && !values.get(0).isBlank()) {
      return values.get(0);
    }
    Object bearer = config.getUserProperties().remove(HandshakeConfigurator.BEARER_TOKEN);
    return bearer instanceof String header ? header : null;
  }
}
