package io.lockstep.realtime.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldTypesTest {

  record Payload(String sessionId, long afterSeq, Integer limit, boolean force, JsonObject data) {}

  @Test
  void fieldsOfTheirOwnTypeOrNullOrMissingPass() {
    for (String json :
        List.of(
            "{\"session_id\":\"s\",\"after_seq\":1,\"limit\":2,\"force\":true,\"data\":{}}",
            "{\"session_id\":null,\"after_seq\":null}",
            "{\"type\":\"x\",\"unknown\":[1,2]}")) {
      assertDoesNotThrow(() -> FieldTypes.require(parse(json), Payload.class), json);
    }
  }

  @Test
  void aWrongTypedFieldIsRefusedByItsWireName() {
    assertRefused("{\"session_id\":true}", "wrong field type: session_id must be a string");
    assertRefused("{\"session_id\":42}", "wrong field type: session_id must be a string");
    assertRefused("{\"after_seq\":\"42\"}", "wrong field type: after_seq must be a number");
    assertRefused("{\"limit\":[1]}", "wrong field type: limit must be a number");
    assertRefused("{\"force\":\"yes\"}", "wrong field type: force must be true or false");
    assertRefused("{\"data\":\"{}\"}", "wrong field type: data must be an object");
  }

  private static void assertRefused(String json, String message) {
    FrameException refused =
        assertThrows(FrameException.class, () -> FieldTypes.require(parse(json), Payload.class));
    assertEquals(message, refused.getMessage());
  }

  private static JsonObject parse(String json) {
    try (var reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }
}
