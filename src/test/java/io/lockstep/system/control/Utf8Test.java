package io.lockstep.system.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

  @ParameterizedTest
  @ValueSource(strings = {"", "ascii", "grüße", "日本語", "emoji 😀 pair", "mixed é€😀x"})
  void countsWhatTheEncoderProduces(String text) {
    assertEquals(text.getBytes(StandardCharsets.UTF_8).length, Utf8.length(text));
  }

  @org.junit.jupiter.api.Test
  void anUnpairedSurrogateCountsAsTheReplacementTheEncoderWrites() {
    String lone = "a\uD800b";
    assertEquals(lone.getBytes(StandardCharsets.UTF_8).length + 2, Utf8.length(lone));
  }
}
