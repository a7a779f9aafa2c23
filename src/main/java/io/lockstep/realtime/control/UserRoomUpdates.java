package io.lockstep.realtime.control;

import io.lockstep.auth.entity.SettingsChanged;
import io.lockstep.auth.entity.SettingsUpdated;
import io.lockstep.auth.entity.UserChanged;
import io.lockstep.auth.entity.UserCreated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * A user's changed record or settings become {@code user:updated} / {@code settings:updated} in
 * their stream, in the same transaction, and reach all of their devices once it commits.
 */
@ApplicationScoped
public class UserRoomUpdates {

  @Inject UserEvents events;
  @Inject StreamHeads heads;

  /** The user's stream starts with the user, so its first events never race to create it. */
  void userCreated(@Observes UserCreated created) {
    heads.start(Rooms.userRoom(created.userId()));
  }

  void userChanged(@Observes UserChanged change) {
    events.record(change.user().id(), "user:updated", change.user());
  }

  void settingsChanged(@Observes SettingsChanged change) {
    events.record(change.userId(), "settings:updated", new SettingsUpdated(change.settings()));
  }
}
