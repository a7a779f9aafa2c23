package io.lockstep.chats.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The messages of a chat: their shape, and which of them an update added or changed. */
final class MessageChanges {

  static final int MAX_ID_LENGTH = 100;

  private MessageChanges() {}

  /** Every message is an object with a unique, non-blank string {@code id}. */
  static void checkShape(JsonArray messages) {
    var seen = new java.util.HashSet<String>();
    for (int i = 0; i < messages.size(); i++) {
      JsonValue message = messages.get(i);
      if (message.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new InvalidChatException("messages[" + i + "] must be an object");
      }
      if (!(message.asJsonObject().get("id") instanceof JsonString id)
          || id.getString().isBlank()
          || id.getString().length() > MAX_ID_LENGTH) {
        throw new InvalidChatException(
            "messages[" + i + "].id must be a string of 1 to " + MAX_ID_LENGTH + " characters");
      }
      if (!seen.add(id.getString())) {
        throw new InvalidChatException("messages[" + i + "].id repeats " + id.getString());
      }
    }
  }

  /** The messages of {@code after} that are new or differ from {@code before}, in order. */
  static List<JsonObject> changed(JsonArray before, JsonArray after) {
    Map<String, JsonObject> previous = new HashMap<>();
    for (JsonValue message : before) {
      previous.put(idOf(message.asJsonObject()), message.asJsonObject());
    }
    List<JsonObject> changed = new ArrayList<>();
    for (JsonValue message : after) {
      JsonObject object = message.asJsonObject();
      if (!object.equals(previous.get(idOf(object)))) {
        changed.add(object);
      }
    }
    return changed;
  }

  static String idOf(JsonObject message) {
    return message.getString("id");
  }
}
