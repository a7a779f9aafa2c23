package io.lockstep.realtime.control;

import io.lockstep.auth.entity.Caller;
import io.lockstep.cluster.control.Cluster;
import io.lockstep.realtime.entity.ConnectionClosed;
import io.lockstep.realtime.entity.SessionEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/** This node's open connections, from open to close, and their entries in the cluster's pools. */
@ApplicationScoped
public class Connections {

  private static final Logger LOG = Logger.getLogger(Connections.class.getName());

  @Inject RealtimeSettings settings;
  @Inject SessionPool sessionPool;
  @Inject Rooms rooms;
  @Inject Cluster cluster;
  @Inject Event<ConnectionClosed> closed;

  private final Map<String, Connection> open = new ConcurrentHashMap<>();

  public Connection open(Session session) {
    return open(session, null);
  }

  /** A connection whose room frames are translated into another protocol's binary messages. */
  public Connection open(Session session, Connection.Translator translator) {
    var connection =
        new Connection(
            session, settings, translator, System.currentTimeMillis(), System.nanoTime());
    open.put(connection.id(), connection);
    return connection;
  }

  /** Admits a verified caller: the session pool knows it, and it joins its private user room. */
  void joined(Connection connection, Caller caller) {
    connection.joinedAs(caller);
    sessionPool.add(
        new SessionEntry(
            connection.id(),
            caller.id(),
            caller.name(),
            cluster.nodeName(),
            System.currentTimeMillis()));
    rooms.join(Rooms.userRoom(caller.id()), connection);
    LOG.fine(() -> "Connection " + connection.id() + " joined as " + caller.id());
  }

  /** Removes the connection from every pool and room; safe to call more than once. */
  public void forget(Connection connection) {
    if (open.remove(connection.id()) == null) {
      return;
    }
    rooms.leaveAll(connection);
    Caller caller = connection.caller();
    if (caller != null) {
      sessionPool.remove(connection.id());
      closed.fire(new ConnectionClosed(connection.id(), caller.id()));
    }
  }

  public Collection<Connection> all() {
    return open.values();
  }

  public int count() {
    return open.size();
  }
}
