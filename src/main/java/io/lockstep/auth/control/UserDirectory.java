package io.lockstep.auth.control;

import io.lockstep.auth.entity.Caller;
import io.lockstep.auth.entity.User;
import io.lockstep.auth.entity.UserRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/** The users table: a first-seen caller becomes a user; later sign-ins refresh name and role. */
@ApplicationScoped
@Transactional
public class UserDirectory {

  private static final Logger LOG = Logger.getLogger(UserDirectory.class.getName());

  @PersistenceContext(unitName = "lockstep")
  EntityManager em;

  Clock clock = Clock.systemUTC();

  public UserRecord signIn(Caller caller) {
    User user = em.find(User.class, caller.id());
    if (user == null) {
      user = new User(caller, clock.instant());
      em.persist(user);
      LOG.info(() -> "First sign-in of user " + caller.id());
    } else {
      user.takeIdentityFrom(caller);
    }
    return user.toRecord();
  }

  /** Records that the user showed a sign of life (heartbeat). */
  public Optional<UserRecord> markActive(String userId) {
    User user = em.find(User.class, userId);
    if (user == null) {
      return Optional.empty();
    }
    user.markActive(clock.instant());
    return Optional.of(user.toRecord());
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<UserRecord> find(String userId) {
    return Optional.ofNullable(em.find(User.class, userId)).map(User::toRecord);
  }
}
