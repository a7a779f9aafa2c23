package io.lockstep.realtime.control;

import io.lockstep.auth.entity.Caller;
import io.lockstep.cluster.control.Cluster;
import io.lockstep.metrics.control.Meters;
import io.lockstep.realtime.entity.ConnectionClosed;
import io.lockstep.realtime.entity.SessionEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
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
  @Inject Meters meters;
  @Inject UserStreamRepair userStreamRepair;

  private final Map<String, Connection> open = new ConcurrentHashMap<>();

  /** This node's connections as gauges: read at each scrape. */
  void registerGauges(@Observes @Initialized(ApplicationScoped.class) Object started) {
    meters.gauge("lockstep.connections.open", "WebSocket connections open", this::count);
    meters.gauge(
        "lockstep.users.signed.in",
        "Distinct users signed in on this node's connections",
        () ->
            open.values().stream()
                .filter(Connection::isJoined)
                .map(c -> c.caller().id())
                .distinct()
                .count());
    meters.gauge(
        "lockstep.send.queue.frames",
        "Frames waiting in the send queues of all connections",
        () -> open.values().stream().mapToLong(Connection::queuedFrames).sum());
    meters.gauge(
        "lockstep.send.queue.frames.max",
        "Frames waiting in the longest send queue",
        () -> open.values().stream().mapToLong(Connection::queuedFrames).max().orElse(0));
  }

  public Connection open(Session session) {
    return open(session, null);
  }

  /** A connection whose room frames are translated into another protocol's binary messages. */
  public Connection open(Session session, Connection.Translator translator) {
    var connection =
        new Connection(
            session,
            settings,
            translator,
            meters,
            userStreamRepair::gapIn,
            System.currentTimeMillis(),
            System.nanoTime());
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
