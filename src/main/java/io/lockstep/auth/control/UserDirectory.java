package io.lockstep.auth.control;

import io.lockstep.auth.entity.Caller;
import io.lockstep.auth.entity.SettingsChanged;
import io.lockstep.auth.entity.User;
import io.lockstep.auth.entity.UserChanged;
import io.lockstep.auth.entity.UserCreated;
import io.lockstep.auth.entity.UserRecord;
import io.lockstep.system.control.JsonMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The users table: a first-seen caller becomes a user; later sign-ins refresh name, email and role
 * from the token, and a change reaches the user's devices after commit.
 */
@ApplicationScoped
@Transactional
public class UserDirectory {

  private static final Logger LOG = Logger.getLogger(UserDirectory.class.getName());

  @PersistenceContext(unitName = "lockstep")
  EntityManager em;

  @Inject Event<UserChanged> changed;
  @Inject Event<UserCreated> created;
  @Inject Event<SettingsChanged> settingsChanged;

  Clock clock = Clock.systemUTC();

  /** Throws {@link UserDeletedException} for a user an administrator deleted. */
  public UserRecord signIn(Caller caller) {
    User user = em.find(User.class, caller.id());
    if (user != null && user.isDeleted()) {
      throw new UserDeletedException(caller.id());
    }
    if (user == null) {
      user = new User(caller, now());
      em.persist(user);
      created.fire(new UserCreated(caller.id()));
      LOG.info(() -> "First sign-in of user " + caller.id());
    } else if (user.takeIdentityFrom(caller)) {
      changed.fire(new UserChanged(user.toRecord()));
    }
    return user.toRecord();
  }

  /** Records that the user showed a sign of life (heartbeat). */
  public Optional<UserRecord> markActive(String userId) {
    User user = em.find(User.class, userId);
    if (user == null) {
      return Optional.empty();
    }
    user.markActive(now());
    return Optional.of(user.toRecord());
  }

  /** Whether an administrator deleted the user (a cheap query: every REST request asks). */
  public boolean isDeleted(String userId) {
    return !em.createQuery(
            "select u.id from User u where u.id = :id and u.deletedAt is not null", String.class)
        .setParameter("id", userId)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /**
   * Deletes the user (a tombstone: see {@link User#markDeleted}); from now on their tokens are
   * refused everywhere. Empty when there is no such user.
   */
  public Optional<UserRecord> delete(String userId) {
    User user = em.find(User.class, userId);
    if (user == null) {
      return Optional.empty();
    }
    if (!user.isDeleted()) {
      user.markDeleted(now());
      LOG.info(() -> "Deleted user " + userId);
    }
    return Optional.of(user.toRecord());
  }

  public JsonObject settings(String userId) {
    return parse(existing(userId).settings());
  }

  /** Replaces the settings document; the change reaches all the user's devices after commit. */
  public JsonObject replaceSettings(String userId, JsonObject settings) {
    existing(userId).replaceSettings(settings.toString());
    settingsChanged.fire(new SettingsChanged(userId, settings));
    return settings;
  }

  private User existing(String userId) {
    User user = em.find(User.class, userId);
    if (user == null) {
      throw new IllegalStateException("no user " + userId);
    }
    return user;
  }

  private static JsonObject parse(String json) {
    try (var reader = JsonMapping.JSON.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  public Optional<UserRecord> find(String userId) {
    return Optional.ofNullable(em.find(User.class, userId)).map(User::toRecord);
  }

  /** Databases keep microseconds; so does the record, or it would change on its way back. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
