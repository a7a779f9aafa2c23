package io.lockstep.notes.control;

import io.lockstep.system.control.JsonMapping;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;

/** Text that clients read with JSON.parse: it must be exactly one JSON value. */
final class JsonText {

  private JsonText() {}

  static boolean isJson(String text) {
    try (JsonParser parser = JsonMapping.JSON.createParser(new StringReader(text))) {
      parser.next();
      parser.getValue();
      return !parser.hasNext();
    } catch (RuntimeException notJson) { // JsonException, or Parsson's for nesting too deep
      return false;
    }
  }
}
