package io.lockstep.sessions.control;

/** A request about a session that can never succeed as sent, e.g. an unknown model. */
public class InvalidSessionException extends RuntimeException {

  public InvalidSessionException(String message) {
    super(message);
  }
}
