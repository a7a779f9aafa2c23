package io.lockstep.realtime.boundary;

import io.lockstep.realtime.control.Admission;
import io.lockstep.realtime.control.Connection;
import io.lockstep.realtime.control.Connections;
import io.lockstep.realtime.control.ContainerIdleTimer;
import io.lockstep.realtime.control.FrameDispatcher;
import io.lockstep.realtime.control.RealtimeSettings;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The realtime endpoint: JSON text frames on /ws (protocol.md). One instance per connection; the
 * {@link FrameDispatcher} checks limits, parses and routes.
 */
@ServerEndpoint(value = "/ws", configurator = HandshakeConfigurator.class)
public class RealtimeEndpoint {

  private static final Logger LOG = Logger.getLogger(RealtimeEndpoint.class.getName());

  @Inject Connections connections;
  @Inject FrameDispatcher dispatcher;
  @Inject Admission admission;
  @Inject RealtimeSettings settings;

  private Connection connection;

  @OnOpen
  public void open(Session session, EndpointConfig config) {
    session.setMaxTextMessageBufferSize(
        settings.containerBufferBytes(dispatcher.largestFrameBytes()));
    session.setMaxBinaryMessageBufferSize(1024);
    session.setMaxIdleTimeout(0);
    ContainerIdleTimer.skipWhileOff(session);
    connection = connections.open(session);
    Object bearer = config.getUserProperties().remove(HandshakeConfigurator.BEARER_TOKEN);
    if (bearer instanceof String token) {
      admission.admit(connection, token, null);
    }
  }

  @OnMessage
  public void text(String frame) {
    dispatcher.receive(connection, frame);
  }

  @OnMessage
  public void binary(ByteBuffer frame) {
    dispatcher.receiveBinary(connection);
  }

  @OnMessage
  public void pong(PongMessage pong) {
    dispatcher.receivePong(connection, pong.getApplicationData());
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
        level, error, () -> "Error on connection " + (connection == null ? "?" : connection.id()));
  }
}
