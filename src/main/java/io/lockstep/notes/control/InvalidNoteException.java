package io.lockstep.notes.control;

/** A request about a note that cannot be carried out as asked. */
public class InvalidNoteException extends RuntimeException {
  public InvalidNoteException(String message) {
    super(message);
  }
}
