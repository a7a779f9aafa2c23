package io.lockstep.notes.control;

/** A document update larger than {@code lockstep.notes.max-update-bytes}. */
public class UpdateTooLargeException extends RuntimeException {
  public UpdateTooLargeException(long bytes, long limit) {
    super("the update has " + bytes + " bytes; the limit is " + limit);
  }
}
