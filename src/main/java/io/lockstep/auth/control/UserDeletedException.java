package io.lockstep.auth.control;

/** A valid token of a user an administrator deleted: refused like an invalid token. */
public class UserDeletedException extends RuntimeException {

  public UserDeletedException(String userId) {
    super("user " + userId + " was deleted");
  }
}
