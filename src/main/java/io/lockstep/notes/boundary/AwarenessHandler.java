package io.lockstep.notes.boundary;

import io.lockstep.notes.control.NoteRooms;
import io.lockstep.notes.entity.AwarenessUpdate;
import io.lockstep.realtime.control.FrameException;
import io.lockstep.realtime.control.FrameHandler;
import io.lockstep.realtime.control.Inbound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code ydoc:awareness:update {document_id, update}} (after joining): relayed to the other
 * members, never stored.
 */
@ApplicationScoped
public class AwarenessHandler implements FrameHandler<AwarenessUpdate> {

  @Inject NoteRooms noteRooms;

  @Override
  public String type() {
    return "ydoc:awareness:update";
  }

  @Override
  public Class<AwarenessUpdate> payloadType() {
    return AwarenessUpdate.class;
  }

  @Override
  public void handle(Inbound<AwarenessUpdate> frame) throws FrameException {
    AwarenessUpdate request = frame.payload();
    byte[] update = DocumentFrames.base64("update", request.update());
    DocumentFrames.answering(
        () -> noteRooms.awareness(frame.connection(), request.documentId(), update));
  }
}
