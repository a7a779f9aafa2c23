package io.lockstep.realtime.control;

import io.lockstep.auth.entity.Caller;
import io.lockstep.metrics.control.Meters;
import io.lockstep.realtime.entity.ErrorCode;
import io.lockstep.realtime.entity.FrameRefused;
import io.lockstep.system.control.DatabaseOutage;
import io.lockstep.system.control.JsonMapping;
import io.lockstep.system.control.Utf8;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Routes each inbound frame to the {@link FrameHandler} of its {@code type}. Whatever is wrong with
 * a frame is answered with an {@code error} frame, and the connection stays usable.
 */
@ApplicationScoped
public class FrameDispatcher {

  private static final Logger LOG = Logger.getLogger(FrameDispatcher.class.getName());
  private static final int MAX_DETAIL = 200;
  private static final String DATABASE_AWAY = "the database is unavailable; try again shortly";

  @Inject @Any Instance<FrameHandler<?>> discovered;
  @Inject Validator validator;
  @Inject Event<FrameRefused> refused;
  @Inject Meters meters;
  @Inject DatabaseOutage outage;

  private final Map<String, FrameHandler<?>> handlers = new HashMap<>();

  @PostConstruct
  void collectHandlers() {
    for (FrameHandler<?> handler : discovered) {
      FrameHandler<?> previous = handlers.put(handler.type(), handler);
      if (previous != null) {
        throw new IllegalStateException(
            "Two handlers for frame type " + handler.type() + ": " + previous + ", " + handler);
      }
    }
    LOG.info(() -> "Frame types on /ws: " + handlers.keySet().stream().sorted().toList());
  }

  @Inject RealtimeSettings settings;

  /** A text frame arrived: rate and size limits first, then parse and route. */
  public void receive(Connection connection, String text) {
    connection.showedSignOfLife(System.currentTimeMillis());
    switch (connection.admitFrame(System.nanoTime())) {
      case REFUSE_AND_TELL -> {
        refuse(
            connection,
            null,
            null,
            ErrorCode.RATE_LIMITED,
            "more than "
                + settings.maxFramesPerSecond()
                + " frames per second; frames are being dropped");
        return;
      }
      case REFUSE_SILENTLY -> {
        return;
      }
      case ACCEPT -> {}
    }
    if (exceedsLimit(text, largestFrameBytes())) {
      refuse(connection, idOf(text), null, ErrorCode.TOO_LARGE, tooLarge(largestFrameBytes()));
      return;
    }
    dispatch(connection, text);
  }

  public void receiveBinary(Connection connection) {
    connection.showedSignOfLife(System.currentTimeMillis());
    refuse(
        connection,
        null,
        null,
        ErrorCode.BAD_REQUEST,
        "binary frames are not part of the /ws protocol");
  }

  public void receivePong(Connection connection, ByteBuffer payload) {
    connection.pongReceived(payload, System.currentTimeMillis());
  }

  /** The largest frame any handler accepts: what the container must be able to buffer. */
  public long largestFrameBytes() {
    long standard = settings.maxFrameBytes();
    return handlers.values().stream()
        .mapToLong(handler -> handler.maxFrameBytes(standard))
        .reduce(standard, Math::max);
  }

  private static boolean exceedsLimit(String frame, long limit) {
    // a char is at most 3 UTF-8 bytes: count exactly only where it can matter
    return frame.length() > limit || (frame.length() * 3L > limit && Utf8.length(frame) > limit);
  }

  /**
   * The correlation id of a frame that cannot be handled whole (too large, or JSON only up to some
   * point), so that the error can say which frame it was: the parser stops at the top-level {@code
   * id}, skipping the values before it.
   */
  private static String idOf(String text) {
    try (JsonParser parser = JsonMapping.JSON.createParser(new StringReader(text))) {
      if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
        return null;
      }
      while (parser.hasNext()) {
        JsonParser.Event event = parser.next();
        if (event == JsonParser.Event.END_OBJECT) {
          return null;
        }
        if (event != JsonParser.Event.KEY_NAME) {
          continue;
        }
        String key = parser.getString();
        JsonParser.Event value = parser.next();
        if (key.equals("id") && value == JsonParser.Event.VALUE_STRING) {
          String id = parser.getString();
          return id.length() <= 128 ? id : null;
        }
        if (value == JsonParser.Event.START_OBJECT) {
          parser.skipObject();
        } else if (value == JsonParser.Event.START_ARRAY) {
          parser.skipArray();
        }
      }
    } catch (RuntimeException e) {
      return null; // not JSON, or nested too deeply (Parsson's RuntimeException)
    }
    return null;
  }

  private static String tooLarge(long limit) {
    return "frame is larger than " + limit + " bytes";
  }

  void dispatch(Connection connection, String text) {
    String id = null;
    String type = null;
    try {
      JsonObject envelope = parse(text);
      id = correlationId(envelope);
      FrameHandler<?> handler = handlerFor(envelope, connection);
      type = handler.type();
      meters.frameIn(type);
      long limit = handler.maxFrameBytes(settings.maxFrameBytes());
      if (exceedsLimit(text, limit)) {
        refuse(connection, id, type, ErrorCode.TOO_LARGE, tooLarge(limit));
        return;
      }
      FieldTypes.require(envelope, handler.payloadType());
      invoke(handler, connection, id, text);
    } catch (FrameException e) {
      // a frame JSON-P cannot take whole (a number too long, a value after it) may still name
      // its id before the trouble
      refuse(connection, id == null ? idOf(text) : id, type, e.code(), e.getMessage());
    } catch (Exception e) { // on WildFly a failed commit is the checked RollbackException
      if (outage.explains(e)) {
        LOG.warning(() -> "Frame on connection " + connection.id() + " failed: database away");
        refuse(connection, id, type, ErrorCode.UNAVAILABLE, DATABASE_AWAY);
        return;
      }
      LOG.log(Level.SEVERE, e, () -> "Frame on connection " + connection.id() + " failed");
      refuse(connection, id, type, ErrorCode.INTERNAL, "the server could not handle the frame");
    }
  }

  /** Answers the frame with an error frame, and tells whoever counts or lists errors. */
  private void refuse(
      Connection connection, String id, String type, ErrorCode code, String message) {
    connection.send(Frames.error(id, code, message));
    meters.error(code.wireName());
    Caller caller = connection.caller();
    refused.fire(
        new FrameRefused(
            code,
            type,
            message,
            connection.id(),
            caller == null ? null : caller.id(),
            System.currentTimeMillis()));
  }

  private static JsonObject parse(String text) throws FrameException {
    JsonValue value;
    boolean more;
    try (JsonParser parser = JsonMapping.JSON.createParser(new StringReader(text))) {
      parser.next();
      value = parser.getValue();
      more = parser.hasNext();
    } catch (RuntimeException e) {
      // JsonException, or the plain RuntimeException Parsson throws for input nested too deeply
      throw new FrameException(ErrorCode.BAD_REQUEST, "malformed JSON: " + detail(e));
    }
    if (more) {
      throw new FrameException(ErrorCode.BAD_REQUEST, "malformed JSON: more after the value");
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new FrameException(ErrorCode.BAD_REQUEST, "a frame must be a JSON object");
    }
    return value.asJsonObject();
  }

  private static String correlationId(JsonObject envelope) throws FrameException {
    JsonValue id = envelope.get("id");
    if (id == null || id.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (id instanceof JsonString string && string.getString().length() <= 128) {
      return string.getString();
    }
    throw new FrameException(
        ErrorCode.BAD_REQUEST, "id must be a string of at most 128 characters");
  }

  private FrameHandler<?> handlerFor(JsonObject envelope, Connection connection)
      throws FrameException {
    if (!(envelope.get("type") instanceof JsonString typeValue)) {
      throw new FrameException(ErrorCode.BAD_REQUEST, "type is required and must be a string");
    }
    String type = typeValue.getString();
    FrameHandler<?> handler = handlers.get(type);
    if (handler == null) {
      throw new FrameException(
          ErrorCode.BAD_REQUEST, "unknown type '" + abbreviate(type, 64) + "'");
    }
    boolean isJoin = Admission.TYPE.equals(type);
    if (!connection.isJoined() && !isJoin) {
      throw new FrameException(ErrorCode.UNAUTHORIZED, "sign in first with user-join");
    }
    if (connection.isJoined() && isJoin) {
      throw new FrameException(ErrorCode.CONFLICT, "this connection is already signed in");
    }
    return handler;
  }

  private <T> void invoke(FrameHandler<T> handler, Connection connection, String id, String text)
      throws FrameException {
    T payload;
    try {
      payload = JsonMapping.JSONB.fromJson(text, handler.payloadType());
    } catch (JsonbException e) {
      throw new FrameException(ErrorCode.BAD_REQUEST, "wrong field type: " + detail(e));
    }
    Set<ConstraintViolation<T>> violations = validator.validate(payload);
    if (!violations.isEmpty()) {
      throw new FrameException(
          ErrorCode.BAD_REQUEST,
          violations.stream()
              .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
              .map(ConstraintViolation::getMessage)
              .collect(Collectors.joining("; ")));
    }
    handler.handle(new Inbound<>(connection, id, payload));
  }

  private static String detail(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return abbreviate(message, MAX_DETAIL);
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }
}
