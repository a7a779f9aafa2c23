package io.lockstep.realtime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lockstep.realtime.entity.ErrorCode;
import io.lockstep.realtime.entity.NoFields;
import java.util.List;
import org.junit.jupiter.api.Test;

public class FramesTest {

  public record Sample(String connectionId, int count, List<String> tags, String absent) {}

  @Test
  void payloadFieldsSitBesideTypeAndReplyToInSnakeCase() {
    String frame = Frames.encode("sample", "c-1", new Sample("abc", 2, List.of("x"), null));
    assertEquals(
        "{\"type\":\"sample\",\"reply_to\":\"c-1\",\"connection_id\":\"abc\",\"count\":2,\"tags\":[\"x\"]}",
        frame);
  }

  @Test
  void anEventHasNoReplyToAndAnEmptyPayloadAddsNothing() {
    assertEquals("{\"type\":\"usage:ack\"}", Frames.event("usage:ack", new NoFields()));
    assertEquals("{\"type\":\"ping\"}", Frames.event("ping", null));
  }

  @Test
  void stringsAreEscaped() {
    String frame = Frames.error("say \"hi\"", ErrorCode.BAD_REQUEST, "line\nbreak </script>");
    assertEquals(
        "{\"type\":\"error\",\"reply_to\":\"say \\\"hi\\\"\",\"code\":\"bad_request\",\"message\":\"line\\nbreak </script>\"}",
        frame);
  }

  @Test
  void aPayloadThatIsNotAnObjectIsAProgrammingError() {
    assertThrows(IllegalArgumentException.class, () -> Frames.event("x", List.of(1)));
  }
}
