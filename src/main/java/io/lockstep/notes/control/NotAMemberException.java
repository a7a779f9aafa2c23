package io.lockstep.notes.control;

/** An update or awareness for a document the connection has not joined. */
public class NotAMemberException extends RuntimeException {
  public NotAMemberException(String noteId) {
    super("join document " + noteId + " first");
  }
}
