package io.lockstep.realtime.control;

import io.lockstep.cluster.control.Cluster;
import io.lockstep.cluster.entity.RoomDelivery;
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

  @Inject Rooms rooms;
  @Inject Cluster cluster;

  void listenToOtherNodes(@Observes @Initialized(ApplicationScoped.class) Object started) {
    cluster.onDelivery(delivery -> deliverLocally(delivery.room(), delivery.frame()));
  }

  public void send(String room, String type, Object payload) {
    send(room, Frames.event(type, payload));
  }

  public void send(String room, String frame) {
    deliverLocally(room, frame);
    if (cluster.isDistributed()) {
      cluster.publish(new RoomDelivery(room, frame, cluster.nodeName()));
    }
  }

  private void deliverLocally(String room, String frame) {
    for (Connection connection : rooms.localMembers(room)) {
      connection.send(frame);
    }
  }
}
