package io.lockstep.auth.control;

import io.lockstep.auth.entity.Caller;
import io.lockstep.auth.entity.UserRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Signs a caller in (see {@link UserDirectory#signIn}) and survives the race of a new user's first
 * sign-ins: two devices, or a socket and a REST call, at once both insert the user; one commit
 * fails on the key, and that one signs in again, now finding the user. Outside any transaction, so
 * the retry gets a fresh one. The failed commit arrives as whatever the container's transaction
 * interceptor throws: Payara wraps it in a {@code TransactionalException}, WildFly (Narayana)
 * throws the checked {@code jakarta.transaction.RollbackException} as it is.
 */
@ApplicationScoped
public class SignIns {

  private static final Logger LOG = Logger.getLogger(SignIns.class.getName());

  @Inject UserDirectory users;

  public UserRecord signIn(Caller caller) {
    try {
      return users.signIn(caller);
    } catch (UserDeletedException e) {
      throw e;
    } catch (Exception e) {
      if (users.find(caller.id()).isEmpty()) {
        throw e instanceof RuntimeException failure ? failure : new IllegalStateException(e);
      }
      LOG.fine(() -> "A concurrent first sign-in created user " + caller.id() + "; once more");
      return users.signIn(caller);
    }
  }
}
