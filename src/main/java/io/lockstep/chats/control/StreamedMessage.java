package io.lockstep.chats.control;

import io.lockstep.system.control.JsonMapping;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/** How one streamed {@code events} frame changes one message (open-webui's message events). */
final class StreamedMessage {

  private StreamedMessage() {}

  static JsonObject apply(JsonObject message, String kind, JsonObject data) {
    return switch (kind) {
      case "message" ->
          JsonMapping.JSON
              .createObjectBuilder(message)
              .add("content", message.getString("content", "") + content(data))
              .build();
      case "replace" ->
          JsonMapping.JSON.createObjectBuilder(message).add("content", content(data)).build();
      case "status" -> {
        var status = JsonMapping.JSON.createObjectBuilder(data);
        status.remove("type");
        yield JsonMapping.JSON.createObjectBuilder(message).add("status", status).build();
      }
      default ->
          throw new InvalidChatException(
              "data.type must be \"message\", \"replace\" or \"status\"");
    };
  }

  private static String content(JsonObject data) {
    if (!(data.get("content") instanceof JsonString content)) {
      throw new InvalidChatException("data.content must be a string");
    }
    return content.getString();
  }
}
