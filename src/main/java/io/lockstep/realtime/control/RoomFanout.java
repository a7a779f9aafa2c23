package io.lockstep.realtime.control;

import io.lockstep.cluster.control.Cluster;
import io.lockstep.cluster.entity.RoomDelivery;
import io.lockstep.cluster.entity.RoomDelivery.Kind;
import io.lockstep.metrics.control.Meters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Delivers a frame to every connection in a room: this node's at once, the other nodes' through the
 * cluster, each exactly once.
 */
@ApplicationScoped
public class RoomFanout {

  @Inject Meters meters;
  @Inject Rooms rooms;
  @Inject Cluster cluster;

  @Inject Connections connections;

  void listenToOtherNodes(@Observes @Initialized(ApplicationScoped.class) Object started) {
    cluster.onDelivery(this::deliverLocally);
  }

  /** A transient frame (no seq) for every connection in the room. */
  public void send(String room, String type, Object payload) {
    send(room, Frames.event(type, payload));
  }

  public void send(String room, String frame) {
    publish(new RoomDelivery(room, frame, 0, Kind.TRANSIENT, null, cluster.nodeName()));
  }

  /** A transient frame for every connection in the room but the sender's. */
  public void sendExcept(String room, String frame, String exceptConnection) {
    publish(new RoomDelivery(room, frame, 0, Kind.TRANSIENT, exceptConnection, cluster.nodeName()));
  }

  /** The frame of stream event {@code seq}; each connection gets it at most once. */
  public void sendInStream(String room, long seq, String frame) {
    publish(new RoomDelivery(room, frame, seq, Kind.EVENT, null, cluster.nodeName()));
  }

  /** Stream event {@code seq}, but not for {@code exceptConnection}, which gets its own version. */
  public void sendInStreamExcept(String room, long seq, String frame, String exceptConnection) {
    publish(new RoomDelivery(room, frame, seq, Kind.EVENT, exceptConnection, cluster.nodeName()));
  }

  /** A further chunk of stream event {@code seq}, for the connections that got its start. */
  public void continueInStream(String room, long seq, String frame) {
    publish(new RoomDelivery(room, frame, seq, Kind.CONTINUATION, null, cluster.nodeName()));
  }

  /** The room's last frame: every member gets it and leaves the room, on every node. */
  public void farewell(String room, String frame) {
    publish(new RoomDelivery(room, frame, 0, Kind.FAREWELL, null, cluster.nodeName()));
  }

  /** A frame for every signed-in connection on every node. */
  public void broadcast(String frame) {
    publish(new RoomDelivery(EVERYONE, frame, 0, Kind.TRANSIENT, null, cluster.nodeName()));
  }

  private void publish(RoomDelivery delivery) {
    deliverLocally(delivery);
    if (cluster.hasOtherNodes()) { // a lone node would only read its own message back
      cluster.publish(delivery);
    }
  }

  private void deliverLocally(RoomDelivery delivery) {
    Iterable<Connection> targets =
        EVERYONE.equals(delivery.room()) ? connections.all() : rooms.localMembers(delivery.room());
    boolean delivered = false;
    for (Connection connection : targets) {
      if (connection.isJoined() && !connection.id().equals(delivery.exceptConnection())) {
        connection.deliver(
            delivery.room(),
            delivery.seq(),
            delivery.kind() == Kind.CONTINUATION,
            delivery.frame());
        delivered = true;
        if (delivery.kind() == Kind.FAREWELL) {
          rooms.leave(delivery.room(), connection);
        }
      }
    }
    if (delivered) {
      meters.delivered(RoomDelivery.epochMicros() - delivery.publishedAtMicros());
    }
  }

  private static final String EVERYONE = "*";
}
