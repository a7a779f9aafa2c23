package io.lockstep.yjs;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lib0's binary encoding: variable-length unsigned and signed integers (7 bits a byte, least
 * significant first), length-prefixed byte arrays and UTF-8 strings, and lib0's "any" values. Every
 * read is checked against the bytes left, so malformed input fails with {@link YjsFormatException}.
 */
public final class Lib0Decoder {

  /** Integers in lib0 are JavaScript numbers: at most 53 bits. */
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private final byte[] bytes;
  private int position;

  public Lib0Decoder(byte[] bytes) {
    this.bytes = bytes;
  }

  public boolean hasContent() {
    return position < bytes.length;
  }

  public int position() {
    return position;
  }

  public int readUint8() {
    if (position >= bytes.length) {
      throw new YjsFormatException("unexpected end of data at byte " + position);
    }
    return bytes[position++] & 0xFF;
  }

  public long readVarUint() {
    long value = 0;
    int shift = 0;
    while (true) {
      int next = readUint8();
      if (shift > 49 || (shift == 49 && (next & 0x7F) > 0x0F)) {
        throw new YjsFormatException("integer larger than 53 bits at byte " + position);
      }
      value |= (long) (next & 0x7F) << shift;
      if (next < 0x80) {
        return value;
      }
      shift += 7;
    }
  }

  public long readVarInt() {
    int first = readUint8();
    long value = first & 0x3F;
    boolean negative = (first & 0x40) != 0;
    int shift = 6;
    int next = first;
    while ((next & 0x80) != 0) {
      next = readUint8();
      if (shift > 48 || (shift == 48 && (next & 0x7F) > 0x1F)) {
        throw new YjsFormatException("integer larger than 53 bits at byte " + position);
      }
      value |= (long) (next & 0x7F) << shift;
      shift += 7;
    }
    return negative ? -value : value;
  }

  public byte[] readVarUint8Array() {
    int length = length(readVarUint());
    byte[] array = Arrays.copyOfRange(bytes, position, position + length);
    position += length;
    return array;
  }

  /** A UTF-8 string; malformed UTF-8 fails, as it does in lib0 (a fatal TextDecoder). */
  public String readVarString() {
    int length = length(readVarUint());
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, position, length))
              .toString();
    } catch (CharacterCodingException e) {
      throw new YjsFormatException("a string that is not UTF-8 at byte " + position);
    }
    position += length;
    return text;
  }

  /** Skips one lib0 "any" value and returns its encoding, byte for byte. */
  public byte[] readAnyEncoded() {
    int start = position;
    skipAny(0);
    return Arrays.copyOfRange(bytes, start, position);
  }

  private void skipAny(int depth) {
    if (depth > 256) {
      throw new YjsFormatException("values nested too deeply");
    }
    int type = readUint8();
    switch (type) {
      case 127, 126, 121, 120 -> {} // undefined, null, false, true
      case 125 -> readVarInt();
      case 124 -> skip(4); // float32
      case 123, 122 -> skip(8); // float64, bigint64
      case 119 -> readVarString();
      case 118 -> {
        long entries = readVarUint();
        for (long i = 0; i < entries; i++) {
          readVarString();
          skipAny(depth + 1);
        }
      }
      case 117 -> {
        long items = readVarUint();
        for (long i = 0; i < items; i++) {
          skipAny(depth + 1);
        }
      }
      case 116 -> readVarUint8Array();
      default ->
          throw new YjsFormatException("unknown value type " + type + " at byte " + position);
    }
  }

  private void skip(int count) {
    length(count);
    position += count;
  }

  private int length(long length) {
    if (length > bytes.length - position) {
      throw new YjsFormatException(
          "length "
              + length
              + " at byte "
              + position
              + " exceeds the "
              + (bytes.length - position)
              + " bytes left");
    }
    return (int) length;
  }
}
