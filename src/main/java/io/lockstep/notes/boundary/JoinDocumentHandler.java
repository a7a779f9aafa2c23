package io.lockstep.notes.boundary;

import io.lockstep.notes.control.NoteRooms;
import io.lockstep.notes.entity.AwarenessRelayed;
import io.lockstep.notes.entity.DocumentRef;
import io.lockstep.notes.entity.DocumentState;
import io.lockstep.realtime.control.FrameException;
import io.lockstep.realtime.control.FrameHandler;
import io.lockstep.realtime.control.Frames;
import io.lockstep.realtime.control.Inbound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Base64;

/**
 * {@code ydoc:document:join {document_id}} (read access): the caller gets {@code
 * ydoc:document:state} with the stored document and who is in it, then the others' awareness; the
 * others get {@code ydoc:user:joined}. The stored document is the truth: a client never seeds it.
 */
@ApplicationScoped
public class JoinDocumentHandler implements FrameHandler<DocumentRef> {

  @Inject NoteRooms noteRooms;

  @Override
  public String type() {
    return "ydoc:document:join";
  }

  @Override
  public Class<DocumentRef> payloadType() {
    return DocumentRef.class;
  }

  @Override
  public void handle(Inbound<DocumentRef> frame) throws FrameException {
    String id = frame.payload().documentId();
    DocumentFrames.answering(
        () -> {
          String permission =
              noteRooms.join(frame.connection(), id).name().toLowerCase(java.util.Locale.ROOT);
          byte[] state = noteRooms.state(id);
          frame.reply(
              "ydoc:document:state",
              new DocumentState(
                  id,
                  Base64.getEncoder().encodeToString(state),
                  noteRooms.members(id),
                  permission));
          noteRooms
              .awareness(id)
              .ifPresent(
                  awareness ->
                      frame
                          .connection()
                          .send(
                              Frames.event(
                                  "ydoc:awareness:update",
                                  new AwarenessRelayed(
                                      id, Base64.getEncoder().encodeToString(awareness)))));
        });
  }
}
