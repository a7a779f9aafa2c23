package io.lockstep.sessions.control;

/** The session cannot do this now: it is archived, or a prompt is running. */
public class SessionConflictException extends RuntimeException {

  public SessionConflictException(String message) {
    super(message);
  }
}
