package io.lockstep.realtime.control;

import io.lockstep.auth.entity.UserChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/** After a user's record changed and committed, {@code user:updated} reaches all their devices. */
@ApplicationScoped
public class UserRoomUpdates {

  @Inject RoomFanout fanout;

  void userChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserChanged change) {
    fanout.send(Rooms.userRoom(change.user().id()), "user:updated", change.user());
  }
}
