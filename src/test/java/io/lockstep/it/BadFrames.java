package io.lockstep.it;

import io.lockstep.yjs.Lib0Encoder;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of bad input: text frames for /ws (malformed JSON, wrong types, huge numbers,
 * deep nesting, oversize strings, invalid base64 and invalid Yjs updates, unknown types, missing
 * fields, bad ids, binary frames) and messages for /ws/yjs (random, truncated, corrupted and
 * over-long y-websocket messages). Each knows what the protocol promises for it.
 */
public final class BadFrames {

  /** What the server must do with a /ws frame. */
  public enum Outcome {
    /** an {@code error} frame with a documented code */
    REFUSED,
    /** refused or handled, but never an internal error */
    ANY
  }

  /** Whether the error names the frame: its {@code id} when readable, no reply_to otherwise. */
  public enum Reply {
    ID,
    NONE,
    EITHER,
    /** malformed JSON: no reply_to, or an id the text holds before the point where it breaks */
    AS_WRITTEN
  }

  /** A /ws frame: text, or binary when {@code binary} is set. */
  public record WsFrame(
      String kind,
      String text,
      byte[] binary,
      String id,
      Outcome outcome,
      Reply reply,
      String category) {
    WsFrame(String kind, String text, byte[] binary, String id, Outcome outcome, Reply reply) {
      this(kind, text, binary, id, outcome, reply, kind);
    }

    WsFrame in(String category) {
      return new WsFrame(kind, text, binary, id, outcome, reply, category);
    }

    @Override
    public String toString() {
      String shown = text == null ? "binary " + Arrays.toString(binary) : text;
      return kind + ": " + (shown.length() > 300 ? shown.substring(0, 300) + "…" : shown);
    }
  }

  /** What the server must do with a /ws/yjs message. */
  public enum YOutcome {
    /** closes with 4400, the connection's documented answer to a malformed message */
    CLOSED,
    /** ignores or handles it; the connection keeps answering */
    ALIVE,
    EITHER
  }

  /** A /ws/yjs message: binary, or text when {@code text} is set. */
  public record YMessage(
      String kind, byte[] bytes, String text, YOutcome outcome, String category) {
    YMessage(String kind, byte[] bytes, String text, YOutcome outcome) {
      this(kind, bytes, text, outcome, kind);
    }

    YMessage in(String category) {
      return new YMessage(kind, bytes, text, outcome, category);
    }

    @Override
    public String toString() {
      String shown = text != null ? "text " + text : Arrays.toString(bytes);
      return kind + ": " + (shown.length() > 300 ? shown.substring(0, 300) + "…" : shown);
    }
  }

  private enum Field {
    STRING,
    LONG,
    INT,
    OBJECT
  }

  private record Spec(String type, Map<String, Field> required, Map<String, Field> optional) {
    Spec {
      // sorted: the same seed must give the same frames in every JVM
      required = new java.util.TreeMap<>(required);
      optional = new java.util.TreeMap<>(optional);
    }
  }

  private static final Set<String> KNOWN_TYPES =
      Set.of(
          "events",
          "ydoc:document:join",
          "ydoc:awareness:update",
          "ydoc:document:leave",
          "ydoc:document:update",
          "usage",
          "presence:list",
          "heartbeat",
          "usage:list",
          "user:sync",
          "user-join",
          "cancel",
          "prompt",
          "load_events",
          "keepalive",
          "session:subscribe",
          "session:unsubscribe");

  private final String noteId;
  private final String sessionId;
  private final List<Spec> specs;
  private final List<byte[]> validUpdates;

  /**
   * @param noteId the note the fuzzing connections joined, so that document frames get past the
   *     membership check
   * @param sessionId an agent session of the fuzzing user
   */
  public BadFrames(String noteId, String sessionId) {
    this.noteId = noteId;
    this.sessionId = sessionId;
    this.specs =
        List.of(
            new Spec(
                "events",
                Map.of("chat_id", Field.STRING, "message_id", Field.STRING, "data", Field.OBJECT),
                Map.of()),
            new Spec("ydoc:document:join", Map.of("document_id", Field.STRING), Map.of()),
            new Spec("ydoc:document:leave", Map.of("document_id", Field.STRING), Map.of()),
            new Spec(
                "ydoc:awareness:update",
                Map.of("document_id", Field.STRING, "update", Field.STRING),
                Map.of()),
            new Spec(
                "ydoc:document:update",
                Map.of("document_id", Field.STRING, "update", Field.STRING),
                Map.of("content", Field.STRING)),
            new Spec("usage", Map.of("model", Field.STRING), Map.of()),
            new Spec("user:sync", Map.of("after_seq", Field.LONG), Map.of("limit", Field.INT)),
            new Spec("cancel", Map.of("session_id", Field.STRING), Map.of()),
            new Spec("session:subscribe", Map.of("session_id", Field.STRING), Map.of()),
            new Spec("session:unsubscribe", Map.of("session_id", Field.STRING), Map.of()),
            new Spec(
                "prompt",
                Map.of("session_id", Field.STRING, "prompt_id", Field.STRING, "text", Field.STRING),
                Map.of()),
            new Spec(
                "load_events",
                Map.of("session_id", Field.STRING),
                Map.of("limit", Field.INT, "before_seq", Field.LONG, "after_seq", Field.LONG)),
            new Spec(
                "keepalive",
                Map.of(),
                Map.of(
                    "session_id",
                    Field.STRING,
                    "client_time",
                    Field.LONG,
                    "last_seen_seq",
                    Field.LONG)));
    // a root of their own: a corrupted update that is still valid must not touch "content"
    YText one = new YText(77_001, "fuzz");
    YText two = new YText(77_002, "fuzz");
    this.validUpdates =
        List.of(
            one.append("fuzz"),
            one.append(" more text"),
            two.append("x".repeat(200)),
            awarenessOf(31_337, 1, "{\"user\":{\"name\":\"F\"}}"));
  }

  // ---- /ws ----------------------------------------------------------------------------------

  /** Every kind of bad /ws frame, mixed. */
  public Arbitrary<WsFrame> wsFrames() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, malformedJson().map(f -> f.in("malformed JSON"))),
        Tuple.of(5, notAnObject().map(f -> f.in("not an object"))),
        Tuple.of(8, badType().map(f -> f.in("missing, wrong-typed or unknown type"))),
        Tuple.of(14, wrongFieldType().map(f -> f.in("wrong field type"))),
        Tuple.of(10, missingField().map(f -> f.in("missing field"))),
        Tuple.of(10, hugeNumbers().map(f -> f.in("huge number"))),
        Tuple.of(6, deepNesting().map(f -> f.in("deep nesting"))),
        Tuple.of(2, oversize().map(f -> f.in("oversize string"))),
        Tuple.of(10, invalidBase64().map(f -> f.in("invalid base64"))),
        Tuple.of(14, invalidYjsUpdate().map(f -> f.in("invalid Yjs update"))),
        Tuple.of(5, badId().map(f -> f.in("bad id"))),
        Tuple.of(3, binaryFrame().map(f -> f.in("binary frame"))));
  }

  private Arbitrary<String> ids() {
    return Arbitraries.strings()
        .alpha()
        .numeric()
        .ofMinLength(1)
        .ofMaxLength(12)
        .map(s -> "f-" + s);
  }

  /** A frame of a known type that the server could handle, as the base of a mutation. */
  private Arbitrary<JsonObject> validFrames() {
    return Combinators.combine(Arbitraries.of(specs), ids())
        .as(
            (spec, id) -> {
              JsonObjectBuilder frame = Json.createObjectBuilder().add("type", spec.type());
              frame.add("id", id);
              spec.required().forEach((name, kind) -> frame.add(name, validValue(name, kind)));
              return frame.build();
            });
  }

  private JsonValue validValue(String name, Field kind) {
    return switch (name) {
      case "document_id" -> Json.createValue(noteId);
      case "session_id" -> Json.createValue(sessionId);
      case "update" -> Json.createValue(Base64.getEncoder().encodeToString(validUpdates.get(0)));
      case "data" -> Json.createObjectBuilder().add("type", "message").add("content", "x").build();
      default ->
          switch (kind) {
            case STRING -> Json.createValue("v");
            case LONG, INT -> Json.createValue(1);
            case OBJECT -> JsonValue.EMPTY_JSON_OBJECT;
          };
    };
  }

  private Arbitrary<WsFrame> malformedJson() {
    Arbitrary<WsFrame> truncated =
        Combinators.combine(validFrames(), Arbitraries.integers().between(0, 999))
            .as(
                (frame, cut) -> {
                  String text = frame.toString();
                  return ws("truncated JSON", text.substring(0, text.length() * cut / 1000));
                });
    Arbitrary<WsFrame> garbled =
        Combinators.combine(
                validFrames(),
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.of("\"", "{", "}", "[", ":", ",", "\\", "'", "\u0000", "tru", "NaN"))
            .as(
                (frame, at, junk) -> {
                  String text = frame.toString();
                  int position = 1 + at % (text.length() - 1);
                  return ws(
                      "garbled JSON",
                      text.substring(0, position) + junk + text.substring(position));
                })
            .filter(frame -> isNotAnObjectFrame(frame.text()));
    Arbitrary<WsFrame> noise =
        Arbitraries.strings()
            .withChars("{}[]\":,0123456789.eE+-truefalsnl \\u\t\nabc")
            .ofMaxLength(80)
            .filter(BadFrames::isNotAnObjectFrame)
            .map(text -> ws("JSON-ish noise", text));
    Arbitrary<WsFrame> trailing =
        validFrames().map(frame -> ws("trailing garbage", frame + " {\"again\":1}"));
    Arbitrary<WsFrame> unicode =
        Arbitraries.strings().ofMaxLength(60).map(text -> ws("random text", "{" + text));
    return Arbitraries.oneOf(truncated, garbled, noise, trailing, unicode);
  }

  /** Noise that happens to be a well-formed object could be a real frame: left out. */
  private static boolean isNotAnObjectFrame(String text) {
    try (var reader = Json.createReader(new java.io.StringReader(text))) {
      return reader.readValue().getValueType() != JsonValue.ValueType.OBJECT;
    } catch (RuntimeException e) {
      return true;
    }
  }

  private static WsFrame ws(String kind, String text) {
    return new WsFrame(kind, text, null, null, Outcome.REFUSED, Reply.AS_WRITTEN);
  }

  private Arbitrary<WsFrame> notAnObject() {
    return Arbitraries.of(
            "[]",
            "[{\"type\":\"heartbeat\"}]",
            "\"heartbeat\"",
            "42",
            "-0.0e-999",
            "true",
            "null",
            "\"{\\\"type\\\":\\\"heartbeat\\\"}\"",
            "",
            "   ")
        .map(text -> ws("not an object", text));
  }

  private Arbitrary<WsFrame> badType() {
    Arbitrary<JsonValue> types =
        Arbitraries.oneOf(
            Arbitraries.strings()
                .ofMaxLength(100)
                .filter(type -> !KNOWN_TYPES.contains(type))
                .map(Json::createValue),
            Arbitraries.of("HEARTBEAT", "heartbeat ", "ydoc:document", "user_join", "error")
                .map(Json::createValue),
            wrongValues(Field.STRING),
            Arbitraries.just(JsonValue.NULL));
    return Combinators.combine(types, ids(), Arbitraries.of(true, false))
        .as(
            (type, id, present) -> {
              JsonObjectBuilder frame = Json.createObjectBuilder().add("id", id);
              if (present) {
                frame.add("type", type);
              }
              return new WsFrame(
                  present ? "unknown or non-string type" : "missing type",
                  frame.build().toString(),
                  null,
                  id,
                  Outcome.REFUSED,
                  Reply.ID);
            });
  }

  /** JSON values that no field of this kind accepts. */
  private static Arbitrary<JsonValue> wrongValues(Field kind) {
    Arbitrary<JsonValue> containers =
        Arbitraries.of(
            Json.createArrayBuilder().add(1).add("a").build(),
            JsonValue.EMPTY_JSON_ARRAY,
            Json.createObjectBuilder().add("nested", true).build(),
            JsonValue.EMPTY_JSON_OBJECT);
    return switch (kind) {
      case STRING ->
          Arbitraries.oneOf(
              containers,
              Arbitraries.of(JsonValue.TRUE, JsonValue.FALSE),
              Arbitraries.longs().map(Json::createValue));
      case LONG, INT ->
          Arbitraries.oneOf(
              containers,
              Arbitraries.of(JsonValue.TRUE, JsonValue.FALSE),
              Arbitraries.of("seven", "", "0x10", "1e3x").map(Json::createValue));
      case OBJECT ->
          Arbitraries.oneOf(
              Arbitraries.of(JsonValue.EMPTY_JSON_ARRAY, JsonValue.TRUE),
              Arbitraries.strings().ofMaxLength(10).map(Json::createValue),
              Arbitraries.longs().map(Json::createValue));
    };
  }

  private Arbitrary<WsFrame> wrongFieldType() {
    return Combinators.combine(Arbitraries.of(specs), ids(), Arbitraries.integers().between(0, 99))
        .flatAs(
            (spec, id, pick) -> {
              List<Map.Entry<String, Field>> fields =
                  spec.required().isEmpty()
                      ? List.copyOf(spec.optional().entrySet())
                      : List.copyOf(spec.required().entrySet());
              Map.Entry<String, Field> target = fields.get(pick % fields.size());
              return wrongValues(target.getValue())
                  .map(
                      wrong -> {
                        JsonObjectBuilder frame =
                            Json.createObjectBuilder().add("type", spec.type()).add("id", id);
                        spec.required()
                            .forEach((name, kind) -> frame.add(name, validValue(name, kind)));
                        frame.add(target.getKey(), wrong);
                        return new WsFrame(
                            "wrong type of " + spec.type() + "." + target.getKey(),
                            frame.build().toString(),
                            null,
                            id,
                            Outcome.REFUSED,
                            Reply.ID);
                      });
            });
  }

  private Arbitrary<WsFrame> missingField() {
    return Combinators.combine(
            Arbitraries.of(specs).filter(spec -> !spec.required().isEmpty()),
            ids(),
            Arbitraries.integers().between(0, 99),
            Arbitraries.of(true, false))
        .as(
            (spec, id, pick, asNull) -> {
              List<String> names = List.copyOf(spec.required().keySet());
              String missing = names.get(pick % names.size());
              JsonObjectBuilder frame =
                  Json.createObjectBuilder().add("type", spec.type()).add("id", id);
              spec.required()
                  .forEach(
                      (name, kind) -> {
                        if (!name.equals(missing)) {
                          frame.add(name, validValue(name, kind));
                        } else if (asNull) {
                          frame.add(name, JsonValue.NULL);
                        }
                      });
              return new WsFrame(
                  "missing " + spec.type() + "." + missing,
                  frame.build().toString(),
                  null,
                  id,
                  Outcome.REFUSED,
                  Reply.ID);
            });
  }

  private Arbitrary<WsFrame> hugeNumbers() {
    Arbitrary<String> numbers =
        Arbitraries.oneOf(
            Arbitraries.of(
                "1e400",
                "-1e400",
                "1e-400",
                "9223372036854775808",
                "-9223372036854775809",
                "2147483648",
                "18446744073709551616",
                "1.5",
                "-0.0",
                "4.9e-324",
                "1.7976931348623157e308",
                "123456789012345678901234567890123456789012345678901234567890",
                "1e2147483647",
                "1e-2147483648",
                "-1"),
            Arbitraries.strings().numeric().ofMinLength(20).ofMaxLength(5_000).map(d -> "1" + d),
            Arbitraries.integers()
                .between(0, Integer.MAX_VALUE)
                .map(exponent -> "9.99e" + exponent));
    List<String[]> targets =
        List.of(
            new String[] {"user:sync", "after_seq"},
            new String[] {"user:sync", "limit"},
            new String[] {"load_events", "limit"},
            new String[] {"load_events", "before_seq"},
            new String[] {"load_events", "after_seq"},
            new String[] {"keepalive", "client_time"},
            new String[] {"keepalive", "last_seen_seq"},
            new String[] {"heartbeat", "unknown_number"},
            new String[] {"usage", "model"});
    return Combinators.combine(Arbitraries.of(targets), numbers, ids())
        .as(
            (target, number, id) -> {
              String base =
                  switch (target[0]) {
                    case "load_events" -> ",\"session_id\":\"" + sessionId + "\"";
                    case "user:sync" -> target[1].equals("limit") ? ",\"after_seq\":0" : "";
                    case "keepalive" -> ",\"session_id\":\"" + sessionId + "\"";
                    default -> "";
                  };
              String text =
                  "{\"type\":\""
                      + target[0]
                      + "\",\"id\":\""
                      + id
                      + "\""
                      + base
                      + ",\""
                      + target[1]
                      + "\":"
                      + number
                      + "}";
              return new WsFrame(
                  "huge number in " + target[0] + "." + target[1],
                  text,
                  null,
                  id,
                  Outcome.ANY,
                  Reply.ID);
            });
  }

  private Arbitrary<WsFrame> deepNesting() {
    return Combinators.combine(
            Arbitraries.integers().between(2, 5_000),
            Arbitraries.of("[", "{\"a\":"),
            Arbitraries.of("whole frame", "unknown field", "events data", "document_id"),
            ids())
        .as(
            (depth, open, where, id) -> {
              String close = open.equals("[") ? "]" : "}";
              String nested = open.repeat(depth) + "1" + close.repeat(depth);
              String text =
                  switch (where) {
                    case "whole frame" -> nested;
                    case "unknown field" ->
                        "{\"type\":\"heartbeat\",\"id\":\"" + id + "\",\"extra\":" + nested + "}";
                    case "events data" ->
                        "{\"type\":\"events\",\"id\":\""
                            + id
                            + "\",\"chat_id\":\"no-such-chat\",\"message_id\":\"m\",\"data\":{\"x\":"
                            + nested
                            + "}}";
                    default ->
                        "{\"type\":\"ydoc:document:join\",\"id\":\""
                            + id
                            + "\",\"document_id\":"
                            + nested
                            + "}";
                  };
              boolean wholeFrame = where.equals("whole frame");
              boolean refused = wholeFrame || where.equals("document_id") || depth > 1_000;
              return new WsFrame(
                  "nesting " + depth + " deep in " + where,
                  text,
                  null,
                  wholeFrame ? null : id,
                  refused ? Outcome.REFUSED : Outcome.ANY,
                  wholeFrame ? Reply.NONE : Reply.EITHER);
            });
  }

  private Arbitrary<WsFrame> oversize() {
    return Combinators.combine(
            Arbitraries.integers().between(65_537, 100_000),
            Arbitraries.of("x", "é", "漢", "😀", "\\\""),
            Arbitraries.of("usage", "prompt", "heartbeat", "ydoc:awareness:update"),
            Arbitraries.of(true, false),
            ids())
        .as(
            (length, unit, type, idFirst, id) -> {
              String big = unit.repeat(length / Math.max(1, unit.length()));
              String field =
                  switch (type) {
                    case "usage" -> "model";
                    case "prompt" -> "text";
                    case "ydoc:awareness:update" -> "update";
                    default -> "padding";
                  };
              String body = "\"type\":\"" + type + "\",\"" + field + "\":\"" + big + "\"";
              String idPart = "\"id\":\"" + id + "\"";
              String text =
                  idFirst ? "{" + idPart + "," + body + "}" : "{" + body + "," + idPart + "}";
              return new WsFrame(
                  "oversize " + type + " (" + unit + " x " + length + ")",
                  text,
                  null,
                  id,
                  Outcome.REFUSED,
                  Reply.ID);
            });
  }

  private Arbitrary<WsFrame> invalidBase64() {
    Arbitrary<String> valid =
        Arbitraries.of(validUpdates).map(bytes -> Base64.getEncoder().encodeToString(bytes));
    Arbitrary<String> broken =
        Arbitraries.oneOf(
            Combinators.combine(
                    valid,
                    Arbitraries.integers().between(0, 10_000),
                    Arbitraries.of("!", "*", "-", "_", " ", "\n", "é", "=", "==", "\u0000", "%"))
                .as(
                    (text, at, junk) -> {
                      int position = at % text.length();
                      return text.substring(0, position) + junk + text.substring(position);
                    }),
            valid.map(text -> text + "A"), // a length of 4n+1 is never base64
            valid.map(text -> text.replace('+', '-').replace('/', '_') + "$"),
            Arbitraries.of("=", "A", "AB=C", "====", "A===", "QQ=\u0000"),
            valid.map(text -> "data:application/octet-stream;base64," + text));
    return Combinators.combine(
            broken, Arbitraries.of("ydoc:document:update", "ydoc:awareness:update"), ids())
        .as(
            (update, type, id) ->
                new WsFrame(
                    "invalid base64 in " + type,
                    Json.createObjectBuilder()
                        .add("type", type)
                        .add("id", id)
                        .add("document_id", noteId)
                        .add("update", update)
                        .build()
                        .toString(),
                    null,
                    id,
                    Outcome.REFUSED,
                    Reply.ID));
  }

  /** Bytes that are no Yjs update, or might be one by chance. */
  private Arbitrary<Tuple.Tuple2<String, byte[]>> badUpdates() {
    Arbitrary<byte[]> valid = Arbitraries.of(validUpdates.subList(0, 3));
    var truncated =
        Combinators.combine(valid, Arbitraries.integers().between(0, 999))
            .as(
                (bytes, cut) ->
                    Tuple.of("truncated", Arrays.copyOf(bytes, bytes.length * cut / 1000)));
    var flipped =
        Combinators.combine(
                valid,
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 255))
            .as(
                (bytes, at, value) -> {
                  byte[] copy = bytes.clone();
                  copy[at % copy.length] = (byte) value.intValue();
                  return Tuple.of("corrupted", copy);
                });
    var random =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(64)
            .map(bytes -> Tuple.of("random", bytes));
    var overlong =
        Arbitraries.integers()
            .between(1, 9)
            .map(
                n -> {
                  byte[] bytes = new byte[n + 1];
                  Arrays.fill(bytes, 0, n, (byte) 0xFF);
                  bytes[n] = 0x7F;
                  return Tuple.of("integer of more than 53 bits", bytes);
                });
    var lengths =
        Arbitraries.longs()
            .between(2, Long.MAX_VALUE >>> 11)
            .map(
                claimed -> {
                  Lib0Encoder encoder = new Lib0Encoder();
                  encoder.writeVarUint(1);
                  encoder.writeVarUint(1);
                  encoder.writeVarUint(5);
                  encoder.writeVarUint(0);
                  encoder.writeUint8(4);
                  encoder.writeVarUint(1);
                  encoder.writeVarUint(claimed); // a root name longer than the update
                  encoder.writeUint8('c');
                  return Tuple.of("length beyond the end", encoder.toByteArray());
                });
    return Arbitraries.oneOf(truncated, flipped, random, overlong, lengths);
  }

  private Arbitrary<WsFrame> invalidYjsUpdate() {
    return Combinators.combine(
            badUpdates(), Arbitraries.of("ydoc:document:update", "ydoc:awareness:update"), ids())
        .as(
            (bad, type, id) -> {
              // bytes made to break an update may still be an awareness update
              boolean certain =
                  type.equals("ydoc:document:update")
                      && !bad.get1().equals("corrupted")
                      && !bad.get1().equals("random");
              return new WsFrame(
                  bad.get1() + " update in " + type,
                  Json.createObjectBuilder()
                      .add("type", type)
                      .add("id", id)
                      .add("document_id", noteId)
                      .add("update", Base64.getEncoder().encodeToString(bad.get2()))
                      .build()
                      .toString(),
                  null,
                  id,
                  certain && bad.get2().length > 0 ? Outcome.REFUSED : Outcome.ANY,
                  Reply.ID);
            });
  }

  private Arbitrary<WsFrame> badId() {
    Arbitrary<JsonValue> ids =
        Arbitraries.oneOf(
            Arbitraries.longs().map(Json::createValue),
            Arbitraries.of(JsonValue.TRUE, JsonValue.EMPTY_JSON_ARRAY, JsonValue.EMPTY_JSON_OBJECT),
            Arbitraries.strings().ofMinLength(129).ofMaxLength(2_000).map(Json::createValue));
    return Combinators.combine(ids, Arbitraries.of("heartbeat", "presence:list", "usage:list"))
        .as(
            (id, type) ->
                new WsFrame(
                    "bad id",
                    Json.createObjectBuilder().add("type", type).add("id", id).build().toString(),
                    null,
                    null,
                    Outcome.REFUSED,
                    Reply.NONE));
  }

  private Arbitrary<WsFrame> binaryFrame() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMaxSize(200)
        .map(bytes -> new WsFrame("binary frame", null, bytes, null, Outcome.REFUSED, Reply.NONE));
  }

  // ---- /ws/yjs --------------------------------------------------------------------------------

  /** Every kind of bad y-websocket message, mixed. */
  public Arbitrary<YMessage> yjsMessages() {
    Arbitrary<YMessage> random =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(64)
            .map(bytes -> new YMessage("random bytes", bytes, null, YOutcome.EITHER));
    Arbitrary<YMessage> updates =
        Combinators.combine(badUpdates(), Arbitraries.of(1, 2))
            .as(
                (bad, step) -> {
                  byte[] message = sync(step, bad.get2());
                  boolean certain =
                      !bad.get1().equals("corrupted")
                          && !bad.get1().equals("random")
                          && bad.get2().length > 0;
                  return new YMessage(
                      bad.get1() + " update (sync " + step + ")",
                      message,
                      null,
                      certain ? YOutcome.CLOSED : YOutcome.EITHER);
                });
    Arbitrary<YMessage> awareness =
        Combinators.combine(badUpdates(), Arbitraries.of(true, false))
            .as(
                (bad, ofAwareness) -> {
                  byte[] payload =
                      ofAwareness
                          ? Arrays.copyOf(validUpdates.get(3), bad.get2().length % 20)
                          : bad.get2();
                  Lib0Encoder encoder = new Lib0Encoder();
                  encoder.writeVarUint(1);
                  encoder.writeVarUint8Array(payload);
                  return new YMessage(
                      ofAwareness ? "truncated awareness" : "bad awareness",
                      encoder.toByteArray(),
                      null,
                      ofAwareness ? YOutcome.CLOSED : YOutcome.EITHER);
                });
    Arbitrary<YMessage> lengths =
        Combinators.combine(
                Arbitraries.of(0, 1),
                Arbitraries.longs().between(1, (1L << 53) - 1),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(8))
            .as(
                (type, claimed, rest) -> {
                  Lib0Encoder encoder = new Lib0Encoder();
                  encoder.writeVarUint(type);
                  if (type == 0) {
                    encoder.writeVarUint(2);
                  }
                  encoder.writeVarUint(claimed + rest.length);
                  encoder.writeBytes(rest);
                  return new YMessage(
                      "payload shorter than its length",
                      encoder.toByteArray(),
                      null,
                      YOutcome.CLOSED);
                });
    Arbitrary<YMessage> overlong =
        Arbitraries.integers()
            .between(8, 12)
            .map(
                n -> {
                  byte[] bytes = new byte[n + 1];
                  Arrays.fill(bytes, 0, n, (byte) 0x80);
                  bytes[n] = 0x01;
                  return new YMessage("message type beyond 53 bits", bytes, null, YOutcome.CLOSED);
                });
    Arbitrary<YMessage> stateVectors =
        badUpdates()
            .map(
                bad ->
                    new YMessage(
                        "sync step 1 with a bad state vector",
                        sync(0, bad.get2()),
                        null,
                        YOutcome.EITHER));
    Arbitrary<YMessage> unknown =
        Combinators.combine(
                Arbitraries.integers().between(2, 1_000_000),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16))
            .as(
                (type, rest) -> {
                  if (type == 3) {
                    type = 4; // query awareness is a real message
                  }
                  Lib0Encoder encoder = new Lib0Encoder();
                  encoder.writeVarUint(type);
                  encoder.writeBytes(rest);
                  return new YMessage(
                      "unknown message type", encoder.toByteArray(), null, YOutcome.ALIVE);
                });
    Arbitrary<YMessage> unknownSync =
        Arbitraries.integers()
            .between(3, 1_000)
            .map(
                step -> {
                  Lib0Encoder encoder = new Lib0Encoder();
                  encoder.writeVarUint(0);
                  encoder.writeVarUint(step);
                  return new YMessage(
                      "unknown sync step", encoder.toByteArray(), null, YOutcome.ALIVE);
                });
    Arbitrary<YMessage> empty =
        Arbitraries.just(new YMessage("empty", new byte[0], null, YOutcome.CLOSED));
    Arbitrary<YMessage> text =
        Arbitraries.strings()
            .ofMaxLength(100)
            .map(s -> new YMessage("text message", null, s, YOutcome.CLOSED));
    return Arbitraries.frequencyOf(
        Tuple.of(15, random.map(m -> m.in("random bytes"))),
        Tuple.of(25, updates.map(m -> m.in("invalid Yjs update"))),
        Tuple.of(12, awareness.map(m -> m.in("invalid awareness update"))),
        Tuple.of(8, lengths.map(m -> m.in("length beyond the end"))),
        Tuple.of(4, overlong.map(m -> m.in("integer beyond 53 bits"))),
        Tuple.of(10, stateVectors.map(m -> m.in("invalid state vector"))),
        Tuple.of(10, unknown.map(m -> m.in("unknown message type"))),
        Tuple.of(5, unknownSync.map(m -> m.in("unknown sync step"))),
        Tuple.of(2, empty.map(m -> m.in("empty message"))),
        Tuple.of(4, text.map(m -> m.in("text message"))));
  }

  /** A y-websocket sync message: step 0 (state vector), 1 (answer) or 2 (update). */
  public static byte[] sync(int step, byte[] payload) {
    Lib0Encoder encoder = new Lib0Encoder();
    encoder.writeVarUint(0);
    encoder.writeVarUint(step);
    encoder.writeVarUint8Array(payload);
    return encoder.toByteArray();
  }

  private static byte[] awarenessOf(long client, long clock, String json) {
    Lib0Encoder encoder = new Lib0Encoder();
    encoder.writeVarUint(1);
    encoder.writeVarUint(client);
    encoder.writeVarUint(clock);
    encoder.writeVarString(json);
    return encoder.toByteArray();
  }
}
