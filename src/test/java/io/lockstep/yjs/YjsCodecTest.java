package io.lockstep.yjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The codec against the real yjs: documents made in Node (text, formatting, embeds, maps, arrays,
 * binary, nested types, XML, surrogate pairs, two concurrent clients, ten thousand keystrokes, a 5
 * MB paste); Java decodes, re-encodes, merges in many orders and diffs them; Node applies Java's
 * results and must show the same content as the original document.
 */
class YjsCodecTest {

  record Scenario(String name, List<byte[]> updates, JsonObject content, byte[] full, byte[] sv) {}

  private static List<Scenario> scenarios;
  private static Map<String, JsonObject> checked;
  private static final Map<String, List<byte[]>> checks = new LinkedHashMap<>();
  private static final Map<String, Scenario> checkScenario = new LinkedHashMap<>();

  @BeforeAll
  static void makeDocumentsAndCheckJavasResultsWithYjs() {
    JsonObject fixtures = NodeYjs.run("yjs-fixtures.mjs", "");
    scenarios = new ArrayList<>();
    for (JsonObject s : fixtures.getJsonArray("scenarios").getValuesAs(JsonObject.class)) {
      scenarios.add(
          new Scenario(
              s.getString("name"),
              s.getJsonArray("updates").getValuesAs(JsonString.class).stream()
                  .map(u -> Base64.getDecoder().decode(u.getString()))
                  .toList(),
              s.getJsonObject("content"),
              Base64.getDecoder().decode(s.getString("full")),
              Base64.getDecoder().decode(s.getString("stateVectorOfFull"))));
    }
    Random random = new Random(7);
    for (Scenario s : scenarios) {
      check(s, "merged in order", YUpdates.merge(s.updates()));
      List<byte[]> shuffled = new ArrayList<>(s.updates());
      shuffled.addAll(s.updates().subList(0, Math.min(5, s.updates().size()))); // duplicates
      Collections.shuffle(shuffled, random);
      check(s, "merged shuffled with duplicates", YUpdates.merge(shuffled));
      check(s, "merged with the full state overlapping", YUpdates.merge(withFull(s, shuffled)));
      check(s, "merged from merged halves", mergeOfHalves(s.updates()));
      check(s, "full re-encoded", Update.decode(s.full()).encode());
      for (int cut : List.of(1, s.updates().size() / 3, s.updates().size() / 2)) {
        if (cut < 1 || cut >= s.updates().size()) {
          continue;
        }
        byte[] prefix = YUpdates.merge(s.updates().subList(0, cut));
        byte[] diff = YUpdates.diff(s.full(), YUpdates.stateVector(prefix));
        check(s, "prefix of " + cut + " plus the diff", prefix, diff);
      }
    }
    JsonArrayBuilder list = Json.createArrayBuilder();
    checks.forEach(
        (name, updates) -> {
          JsonArrayBuilder apply = Json.createArrayBuilder();
          updates.forEach(u -> apply.add(Base64.getEncoder().encodeToString(u)));
          list.add(Json.createObjectBuilder().add("name", name).add("apply", apply));
        });
    JsonObject results =
        NodeYjs.run(
            "yjs-check.mjs", Json.createObjectBuilder().add("checks", list).build().toString());
    checked = new LinkedHashMap<>();
    for (JsonObject result : results.getJsonArray("results").getValuesAs(JsonObject.class)) {
      checked.put(result.getString("name"), result);
    }
  }

  private static void check(Scenario s, String what, byte[]... updates) {
    String name = s.name() + ": " + what;
    checks.put(name, List.of(updates));
    checkScenario.put(name, s);
  }

  private static List<byte[]> withFull(Scenario s, List<byte[]> updates) {
    List<byte[]> all = new ArrayList<>(updates);
    all.add(all.size() / 2, s.full());
    return all;
  }

  private static byte[] mergeOfHalves(List<byte[]> updates) {
    int half = updates.size() / 2;
    if (half == 0) {
      return YUpdates.merge(updates);
    }
    return YUpdates.merge(
        List.of(
            YUpdates.merge(updates.subList(0, half)),
            YUpdates.merge(updates.subList(half, updates.size()))));
  }

  @Test
  void yjsShowsTheSameContentForEveryResultOfJava() {
    List<String> wrong = new ArrayList<>();
    checks
        .keySet()
        .forEach(
            name -> {
              JsonObject result = checked.get(name);
              Scenario s = checkScenario.get(name);
              if (!s.content().equals(result.getJsonObject("content"))
                  || result.getBoolean("pending")) {
                wrong.add(name);
              }
            });
    assertEquals(List.of(), wrong);
    assertTrue(checks.size() >= 50, "checked " + checks.size());
  }

  @Test
  void updatesReEncodeByteForByte() {
    for (Scenario s : scenarios) {
      for (byte[] update : s.updates()) {
        assertArrayEquals(update, Update.decode(update).encode(), s.name());
      }
      assertArrayEquals(s.full(), Update.decode(s.full()).encode(), s.name());
    }
  }

  @Test
  void theStateVectorIsTheOneYjsReadsFromTheUpdate() {
    for (Scenario s : scenarios) {
      assertEquals(
          YUpdates.readStateVector(s.sv()),
          YUpdates.readStateVector(YUpdates.stateVector(s.full())),
          s.name());
    }
  }

  @Test
  void tenThousandKeystrokesMergeIntoAboutTheSizeOfTheDocument() {
    for (Scenario s : scenarios) {
      if (s.updates().size() < 1000) {
        continue;
      }
      byte[] merged = YUpdates.merge(s.updates());
      assertTrue(
          merged.length <= 2 * s.full().length,
          () -> s.name() + ": merged " + merged.length + " bytes, yjs's state " + s.full().length);
    }
  }

  @Test
  void diffAgainstTheFullStateIsEmpty() {
    for (Scenario s : scenarios) {
      byte[] diff = YUpdates.diff(s.full(), YUpdates.stateVector(s.full()));
      Update update = Update.decode(diff);
      assertTrue(update.structs().isEmpty(), s.name());
    }
  }

  /** Updates the fuzzer got stored, which the yjs package then failed to apply (FuzzIT seed). */
  @Test
  void updatesThatYjsCannotApplyDoNotDecode() {
    // a string of client 5 in root "t" whose bytes are not UTF-8 (yjs: "not valid for utf-8")
    byte[] notUtf8 = java.util.HexFormat.of().parseHex("01010500040101740" + "2fffe00");
    // an item whose origin is its own client's later clock 3 (yjs: TypeError in findIndexSS)
    byte[] laterOrigin =
        java.util.HexFormat.of().parseHex("0101c9d9040084c9d904030a206d6f7265207465787400");
    for (byte[] update : List.of(notUtf8, laterOrigin)) {
      org.junit.jupiter.api.Assertions.assertThrows(
          YjsFormatException.class, () -> Update.decode(update));
    }
  }

  @Test
  void anEmptyUpdateIsEmpty() {
    assertTrue(YUpdates.isEmpty(new byte[] {0, 0}));
    assertFalse(YUpdates.isEmpty(scenarios.get(0).full()));
  }

  @Test
  void malformedInputFailsWithAFormatErrorOnly() {
    Random random = new Random(11);
    for (int i = 0; i < 5000; i++) {
      byte[] garbage = new byte[random.nextInt(40)];
      random.nextBytes(garbage);
      expectFormatErrorOrSuccess(garbage);
    }
    byte[] valid = scenarios.get(0).full();
    for (int length = 0; length < valid.length; length++) {
      byte[] truncated = java.util.Arrays.copyOf(valid, length);
      expectFormatErrorOrSuccess(truncated);
    }
    // a length far beyond the bytes left
    expectFormatError(new byte[] {1, 1, 5, 0, 4, 1, 0x7F, (byte) 0xFF, (byte) 0xFF, 0x7F});
    // an integer of more than 53 bits
    expectFormatError(
        new byte[] {
          (byte) 0xFF,
          (byte) 0xFF,
          (byte) 0xFF,
          (byte) 0xFF,
          (byte) 0xFF,
          (byte) 0xFF,
          (byte) 0xFF,
          (byte) 0xFF,
          0x7F
        });
  }

  private static void expectFormatErrorOrSuccess(byte[] bytes) {
    try {
      YUpdates.merge(List.of(bytes, bytes));
      YUpdates.stateVector(bytes);
      YUpdates.diff(bytes, new byte[] {0});
      Awareness.decode(bytes);
    } catch (YjsFormatException expected) {
      // the only failure allowed
    }
  }

  private static void expectFormatError(byte[] bytes) {
    try {
      YUpdates.stateVector(bytes);
    } catch (YjsFormatException expected) {
      return;
    }
    throw new AssertionError("decoded " + java.util.Arrays.toString(bytes));
  }

  @Test
  void awarenessUpdatesRoundTrip() {
    List<Awareness.Entry> entries =
        List.of(
            new Awareness.Entry(1234567890123L, 5, "{\"user\":{\"name\":\"Ünïcödé 😀\"}}"),
            new Awareness.Entry(7, 2, "null"));
    assertEquals(entries, Awareness.decode(Awareness.encode(entries)));
  }
}
