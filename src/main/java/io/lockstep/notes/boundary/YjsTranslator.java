package io.lockstep.notes.boundary;

import io.lockstep.realtime.control.Connection;
import io.lockstep.system.control.JsonMapping;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * What a y-websocket connection receives of its note's room: document updates and awareness, as
 * binary messages. The room's other frames (members joining, the user room's events) have no
 * counterpart in the protocol and are dropped.
 */
final class YjsTranslator implements Connection.Translator {

  private static final String UPDATE = "ydoc:document:update";
  private static final String AWARENESS = "ydoc:awareness:update";

  private final String noteId;

  YjsTranslator(String noteId) {
    this.noteId = noteId;
  }

  @Override
  public ByteBuffer toBinary(String frame) {
    if (!frame.contains(UPDATE) && !frame.contains(AWARENESS)) {
      return null;
    }
    JsonObject event;
    try (var reader = JsonMapping.JSON.createReader(new StringReader(frame))) {
      event = reader.readObject();
    }
    if (!noteId.equals(event.getString("document_id", null))) {
      return null;
    }
    String type = event.getString("type", "");
    byte[] payload = Base64.getDecoder().decode(event.getString("update"));
    return switch (type) {
      case UPDATE -> YMessages.update(payload);
      case AWARENESS -> YMessages.awareness(payload);
      default -> null;
    };
  }
}
