package io.lockstep.realtime.control;

import io.lockstep.realtime.entity.ErrorCode;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON type each field of a frame's payload record must have. JSON-B would take {@code true} or
 * {@code 42} for a string field (and {@code "42"} for a number): the protocol refuses a wrong-typed
 * field instead. Null counts as missing, for the validator. Worked out once per record.
 */
final class FieldTypes {

  private record Field(String name, JsonKind kind) {}

  private enum JsonKind {
    STRING("a string"),
    NUMBER("a number"),
    BOOLEAN("true or false"),
    OBJECT("an object");

    final String description;

    JsonKind(String description) {
      this.description = description;
    }

    boolean admits(JsonValue.ValueType type) {
      return switch (type) {
        case STRING -> this == STRING;
        case NUMBER -> this == NUMBER;
        case TRUE, FALSE -> this == BOOLEAN;
        case OBJECT -> this == OBJECT;
        default -> false;
      };
    }

    static JsonKind of(Class<?> type) {
      if (type == String.class) {
        return STRING;
      }
      if (Number.class.isAssignableFrom(type) || type == long.class || type == int.class) {
        return NUMBER;
      }
      if (type == Boolean.class || type == boolean.class) {
        return BOOLEAN;
      }
      return type == JsonObject.class ? OBJECT : null; // others are left to JSON-B
    }
  }

  private static final ClassValue<List<Field>> FIELDS =
      new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> payloadType) {
          List<Field> fields = new ArrayList<>();
          if (payloadType.isRecord()) {
            for (RecordComponent component : payloadType.getRecordComponents()) {
              JsonKind kind = JsonKind.of(component.getType());
              if (kind != null) {
                fields.add(new Field(snakeCase(component.getName()), kind));
              }
            }
          }
          return List.copyOf(fields);
        }
      };

  private FieldTypes() {}

  static void require(JsonObject envelope, Class<?> payloadType) throws FrameException {
    for (Field field : FIELDS.get(payloadType)) {
      JsonValue value = envelope.get(field.name());
      if (value != null
          && value.getValueType() != JsonValue.ValueType.NULL
          && !field.kind().admits(value.getValueType())) {
        throw new FrameException(
            ErrorCode.BAD_REQUEST,
            "wrong field type: " + field.name() + " must be " + field.kind().description);
      }
    }
  }

  private static String snakeCase(String name) {
    return name.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
  }
}
