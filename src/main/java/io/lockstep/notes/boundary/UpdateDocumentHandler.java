package io.lockstep.notes.boundary;

import io.lockstep.notes.control.NoteRooms;
import io.lockstep.notes.entity.DocumentUpdate;
import io.lockstep.notes.entity.DocumentUpdateAck;
import io.lockstep.realtime.control.FrameException;
import io.lockstep.realtime.control.FrameHandler;
import io.lockstep.realtime.control.Inbound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code ydoc:document:update {document_id, update, content?}} (write access, after joining): the
 * update is stored, then acknowledged ({@code ydoc:document:update:ack {document_id, seq}}) and
 * sent to the other members. A reader's update is {@code forbidden}, neither stored nor sent.
 * Frames of this type may be as large as a document update may be ({@code
 * lockstep.notes.max-update-bytes}, base64) plus the standard frame limit for the rest.
 */
@ApplicationScoped
public class UpdateDocumentHandler implements FrameHandler<DocumentUpdate> {

  @Inject NoteRooms noteRooms;

  @Override
  public String type() {
    return "ydoc:document:update";
  }

  @Override
  public Class<DocumentUpdate> payloadType() {
    return DocumentUpdate.class;
  }

  @Override
  public long maxFrameBytes(long standardLimit) {
    return standardLimit + (noteRooms.maxUpdateBytes() + 2) / 3 * 4;
  }

  @Override
  public void handle(Inbound<DocumentUpdate> frame) throws FrameException {
    DocumentUpdate request = frame.payload();
    byte[] update = DocumentFrames.base64("update", request.update());
    DocumentFrames.answering(
        () -> {
          long seq =
              noteRooms.update(frame.connection(), request.documentId(), update, request.content());
          frame.reply("ydoc:document:update:ack", new DocumentUpdateAck(request.documentId(), seq));
        });
  }
}
