package io.lockstep.notes.control;

/** The caller may read the note but not do this with it. */
public class NoteForbiddenException extends RuntimeException {
  public NoteForbiddenException(String message) {
    super(message);
  }
}
