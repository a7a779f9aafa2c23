package io.lockstep.realtime.control;

import io.lockstep.realtime.entity.ErrorCode;
import io.lockstep.realtime.entity.ErrorFrame;
import io.lockstep.system.control.JsonMapping;
import java.util.List;

/**
 * Writes outbound frames: {@code {"type": ..., "reply_to": ..., ...payload fields}}. The payload is
 * a record mapped by JSON-B; its fields sit beside {@code type} in one flat object.
 */
public final class Frames {

  private Frames() {}

  /** An event nobody asked for (no {@code reply_to}). */
  public static String event(String type, Object payload) {
    return encode(type, null, payload);
  }

  /** An event of a sequence-numbered stream: {@code seq} follows {@code type}. */
  public static String streamEvent(String type, long seq, Object payload) {
    return encode(type, null, seq, payload);
  }

  public static String encode(String type, String replyTo, Object payload) {
    return encode(type, replyTo, 0, payload);
  }

  private static String encode(String type, String replyTo, long seq, Object payload) {
    var frame = new StringBuilder(128).append("{\"type\":").append(quote(type));
    if (replyTo != null) {
      frame.append(",\"reply_to\":").append(quote(replyTo));
    }
    if (seq > 0) {
      frame.append(",\"seq\":").append(seq);
    }
    if (payload != null) {
      String body = JsonMapping.JSONB.toJson(payload);
      if (body.length() < 2 || body.charAt(0) != '{') {
        throw new IllegalArgumentException("A frame's payload must map to a JSON object: " + body);
      }
      if (body.length() > 2) {
        frame.append(',').append(body, 1, body.length() - 1);
      }
    }
    return frame.append('}').toString();
  }

  /** A reply that carries stored frames, verbatim, in its {@code events} array. */
  public static String withEvents(
      String type, String replyTo, Object payload, List<String> storedFrames) {
    String frame = encode(type, replyTo, payload);
    var withEvents = new StringBuilder(frame.length() + 64 * storedFrames.size());
    withEvents.append(frame, 0, frame.length() - 1).append(",\"events\":[");
    withEvents.append(String.join(",", storedFrames));
    return withEvents.append("]}").toString();
  }

  public static String error(String replyTo, ErrorCode code, String message) {
    return encode("error", replyTo, new ErrorFrame(code.wireName(), message));
  }

  private static String quote(String value) {
    return JsonMapping.JSONB.toJson(value);
  }
}
