package io.lockstep.notes.control;

/** The note does not exist, or the caller may not know that it does. */
public class NoteNotFoundException extends RuntimeException {
  public NoteNotFoundException(String id) {
    super("note " + id + " not found");
  }
}
