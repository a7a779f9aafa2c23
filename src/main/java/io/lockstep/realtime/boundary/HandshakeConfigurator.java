package io.lockstep.realtime.boundary;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * Keeps a bearer token from the handshake's Authorization header, for clients that can set one
 * (browsers cannot; they send {@code user-join}).
 */
public class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

  public static final String BEARER_TOKEN = "lockstep.bearer-token";
  private static final String PREFIX = "bearer ";

  @Override
  public void modifyHandshake(
      ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
    List<String> values = request.getHeaders().get("Authorization");
    if (values == null) {
      values = request.getHeaders().get("authorization");
    }
    config.getUserProperties().remove(BEARER_TOKEN);
    if (values != null && !values.isEmpty()) {
      String header = values.get(0);
      if (header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
        config.getUserProperties().put(BEARER_TOKEN, header.substring(PREFIX.length()).strip());
      }
    }
  }
}
