package io.lockstep.notes.boundary;

import io.lockstep.notes.control.NoteRooms;
import io.lockstep.notes.entity.DocumentRef;
import io.lockstep.realtime.control.FrameException;
import io.lockstep.realtime.control.FrameHandler;
import io.lockstep.realtime.control.Inbound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code ydoc:document:leave {document_id}}: the others get {@code ydoc:user:left} and lose this
 * connection's cursors; the answer is {@code ydoc:document:left}.
 */
@ApplicationScoped
public class LeaveDocumentHandler implements FrameHandler<DocumentRef> {

  @Inject NoteRooms noteRooms;

  @Override
  public String type() {
    return "ydoc:document:leave";
  }

  @Override
  public Class<DocumentRef> payloadType() {
    return DocumentRef.class;
  }

  @Override
  public void handle(Inbound<DocumentRef> frame) throws FrameException {
    String id = frame.payload().documentId();
    if (noteRooms.isMember(frame.connection(), id)) {
      noteRooms.leave(frame.connection(), id);
    }
    frame.reply("ydoc:document:left", frame.payload());
  }
}
