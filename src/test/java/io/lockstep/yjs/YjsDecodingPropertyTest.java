package io.lockstep.yjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.lockstep.it.YText;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The codec on bad bytes, as jqwik properties: whatever a client sends, decoding either succeeds or
 * fails with {@link YjsFormatException} (which the endpoints answer as documented), never with
 * another exception, which would be an internal error.
 */
class YjsDecodingPropertyTest {

  private static final byte[] VALID = new YText(9).append("hello");

  @Property(tries = 2_000)
  void randomBytesFailOnlyAsMalformed(@ForAll @Size(max = 200) byte[] bytes) {
    decodeAll(bytes);
  }

  @Property(tries = 2_000)
  void corruptedUpdatesFailOnlyAsMalformed(
      @ForAll @IntRange(min = 0, max = 1_000) int at, @ForAll byte value) {
    byte[] corrupted = VALID.clone();
    corrupted[at % corrupted.length] = value;
    decodeAll(corrupted);
  }

  @Property(tries = 500)
  void aStrictPrefixOfAnUpdateIsNeverOne(@ForAll @IntRange(min = 0, max = 1_000) int cut) {
    byte[] prefix = Arrays.copyOf(VALID, cut % VALID.length);
    try {
      Update.decode(prefix);
      throw new AssertionError("decoded a truncated update: " + Arrays.toString(prefix));
    } catch (YjsFormatException expected) {
      // as it must
    }
  }

  @Property(tries = 500)
  void aDecodableUpdateReencodesToItself(@ForAll @Size(max = 40) byte[] bytes) {
    byte[] update;
    try {
      update = Update.decode(bytes).encode();
    } catch (YjsFormatException e) {
      return;
    }
    assertArrayEquals(update, Update.decode(update).encode());
  }

  private static void decodeAll(byte[] bytes) {
    for (Runnable decode :
        List.<Runnable>of(
            () -> Update.decode(bytes),
            () -> YUpdates.stateVector(bytes),
            () -> YUpdates.isEmpty(bytes),
            () -> YUpdates.merge(List.of(VALID, bytes)),
            () -> YUpdates.diff(VALID, bytes),
            () -> YUpdates.readStateVector(bytes),
            () -> Awareness.decode(bytes))) {
      try {
        decode.run();
      } catch (YjsFormatException expected) {
        // malformed: the endpoints refuse it as documented
      }
    }
  }
}
