package io.lockstep.auth.control;

/** A token that does not prove who the caller is; the message says why, without secrets. */
public class InvalidTokenException extends Exception {

  public InvalidTokenException(String message) {
    super(message);
  }

  public InvalidTokenException(String message, Throwable cause) {
    super(message, cause);
  }
}
