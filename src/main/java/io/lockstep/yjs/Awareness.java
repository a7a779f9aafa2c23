package io.lockstep.yjs;

import java.util.ArrayList;
import java.util.List;

/**
 * The y-protocols awareness update: for each client its id, a clock that grows with every change,
 * and its state as JSON ({@code "null"} when the client left).
 */
public final class Awareness {

  /** One client's awareness state. */
  public record Entry(long clientId, long clock, String stateJson) {}

  private Awareness() {}

  public static List<Entry> decode(byte[] update) {
    Lib0Decoder decoder = new Lib0Decoder(update);
    long count = decoder.readVarUint();
    List<Entry> entries = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      entries.add(new Entry(decoder.readVarUint(), decoder.readVarUint(), decoder.readVarString()));
    }
    if (decoder.hasContent()) {
      throw new YjsFormatException("bytes after the awareness update");
    }
    return entries;
  }

  public static byte[] encode(List<Entry> entries) {
    Lib0Encoder encoder = new Lib0Encoder();
    encoder.writeVarUint(entries.size());
    for (Entry entry : entries) {
      encoder.writeVarUint(entry.clientId());
      encoder.writeVarUint(entry.clock());
      encoder.writeVarString(entry.stateJson());
    }
    return encoder.toByteArray();
  }
}
