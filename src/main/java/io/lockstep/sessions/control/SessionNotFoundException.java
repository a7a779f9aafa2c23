package io.lockstep.sessions.control;

/** No such session for this caller: another user's session is "not found" too. */
public class SessionNotFoundException extends RuntimeException {

  public SessionNotFoundException(String id) {
    super("no session " + id);
  }
}
