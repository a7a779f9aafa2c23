package io.lockstep.bench;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ceiling of the fan-out benchmark: the least a Jakarta WebSocket server can do to fan out,
 * every text message sent on to every other open session. {@link FanOut} packs it alone into a WAR
 * and deploys that on the same Payara Micro as Lockstep.
 */
@ServerEndpoint("/broadcast")
public class BroadcastEndpoint {

  private static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();

  @OnOpen
  public void open(Session session) {
    // as Lockstep does: with an idle timeout, Tyrus reschedules a timer on every message, and on
    // Payara scheduling captures the context through a ServiceLoader scan each time
    session.setMaxIdleTimeout(0);
    SESSIONS.add(session);
  }

  @OnClose
  public void close(Session session) {
    SESSIONS.remove(session);
  }

  @OnMessage
  public void message(Session sender, String text) {
    for (Session session : SESSIONS) {
      if (session != sender && session.isOpen()) {
        session.getAsyncRemote().sendText(text);
      }
    }
  }
}
