package io.lockstep.chats.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageChangesTest {

  static JsonArray array(String json) {
    return Json.createReader(new StringReader(json)).readArray();
  }

  static JsonObject object(String json) {
    return Json.createReader(new StringReader(json)).readObject();
  }

  @Test
  void onlyNewAndAlteredMessagesCount() {
    JsonArray before = array("[{\"id\":\"a\",\"c\":1},{\"id\":\"b\",\"c\":2}]");
    JsonArray after =
        array("[{\"id\":\"a\",\"c\":1},{\"id\":\"b\",\"c\":3},{\"id\":\"d\",\"c\":4}]");
    assertEquals(
        List.of(object("{\"id\":\"b\",\"c\":3}"), object("{\"id\":\"d\",\"c\":4}")),
        MessageChanges.changed(before, after));
    assertTrue(MessageChanges.changed(after, after).isEmpty());
  }

  @Test
  void theShapeIsCheckedWithTheOffendingIndex() {
    MessageChanges.checkShape(array("[{\"id\":\"a\"},{\"id\":\"b\",\"x\":[1]}]"));
    var notObject =
        assertThrows(
            InvalidChatException.class,
            () -> MessageChanges.checkShape(array("[{\"id\":\"a\"},2]")));
    assertEquals("messages[1] must be an object", notObject.getMessage());
    assertThrows(
        InvalidChatException.class, () -> MessageChanges.checkShape(array("[{\"id\":5}]")));
    assertThrows(
        InvalidChatException.class, () -> MessageChanges.checkShape(array("[{\"id\":\" \"}]")));
    assertThrows(
        InvalidChatException.class,
        () -> MessageChanges.checkShape(array("[{\"id\":\"" + "x".repeat(101) + "\"}]")));
    assertThrows(
        InvalidChatException.class,
        () -> MessageChanges.checkShape(array("[{\"id\":\"a\"},{\"id\":\"a\"}]")));
  }

  @Test
  void streamedEventsAppendReplaceAndSetStatus() {
    JsonObject message = object("{\"id\":\"m\",\"content\":\"Hel\"}");
    JsonObject grown =
        StreamedMessage.apply(
            message, "message", object("{\"type\":\"message\",\"content\":\"lo\"}"));
    assertEquals("Hello", grown.getString("content"));
    JsonObject replaced =
        StreamedMessage.apply(
            grown, "replace", object("{\"type\":\"replace\",\"content\":\"Hi\"}"));
    assertEquals("Hi", replaced.getString("content"));
    JsonObject done =
        StreamedMessage.apply(replaced, "status", object("{\"type\":\"status\",\"done\":true}"));
    assertEquals(object("{\"done\":true}"), done.getJsonObject("status"));
    assertThrows(
        InvalidChatException.class,
        () -> StreamedMessage.apply(message, "message", object("{\"type\":\"message\"}")));
    assertThrows(
        InvalidChatException.class, () -> StreamedMessage.apply(message, "explode", object("{}")));
  }
}
