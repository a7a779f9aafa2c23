package io.lockstep.chats.entity;

import io.lockstep.system.control.JsonMapping;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.List;

/** The JSON columns of a chat: messages (an array of objects) and tags (an array of strings). */
final class ChatJson {

  private ChatJson() {}

  static JsonArray parseArray(String json) {
    try (var reader = JsonMapping.JSON.createReader(new StringReader(json))) {
      return reader.readArray();
    }
  }

  static String tagsToJson(List<String> tags) {
    var array = JsonMapping.JSON.createArrayBuilder();
    tags.forEach(array::add);
    return array.build().toString();
  }

  static List<String> tagsFromJson(String json) {
    return parseArray(json).getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .toList();
  }
}
