package io.lockstep.notes.boundary;

import io.lockstep.notes.control.InvalidNoteException;
import io.lockstep.notes.control.NotAMemberException;
import io.lockstep.notes.control.NoteForbiddenException;
import io.lockstep.notes.control.NoteNotFoundException;
import io.lockstep.notes.control.UpdateTooLargeException;
import io.lockstep.realtime.control.FrameException;
import io.lockstep.realtime.entity.ErrorCode;
import java.util.Base64;

/** What the document handlers share: base64 input and the mapping of note errors to codes. */
final class DocumentFrames {

  private DocumentFrames() {}

  interface Action {
    void run() throws FrameException;
  }

  static void answering(Action action) throws FrameException {
    try {
      action.run();
    } catch (NoteNotFoundException e) {
      throw new FrameException(ErrorCode.NOT_FOUND, e.getMessage());
    } catch (NoteForbiddenException e) {
      throw new FrameException(ErrorCode.FORBIDDEN, e.getMessage());
    } catch (UpdateTooLargeException e) {
      throw new FrameException(ErrorCode.TOO_LARGE, e.getMessage());
    } catch (NotAMemberException e) {
      throw new FrameException(ErrorCode.CONFLICT, e.getMessage());
    } catch (InvalidNoteException e) {
      throw new FrameException(ErrorCode.BAD_REQUEST, e.getMessage());
    }
  }

  static byte[] base64(String field, String value) throws FrameException {
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new FrameException(ErrorCode.BAD_REQUEST, field + " must be base64: " + e.getMessage());
    }
  }
}
