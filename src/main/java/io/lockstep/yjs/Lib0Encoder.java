package io.lockstep.yjs;

import java.util.Arrays;

/** Writes lib0's binary encoding; see {@link Lib0Decoder}. */
public final class Lib0Encoder {

  private byte[] buffer = new byte[64];
  private int size;

  public void writeUint8(int value) {
    ensure(1);
    buffer[size++] = (byte) value;
  }

  public void writeVarUint(long value) {
    if (value < 0 || value > Lib0Decoder.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("not a lib0 unsigned integer: " + value);
    }
    while (value > 0x7F) {
      writeUint8((int) (0x80 | (value & 0x7F)));
      value >>>= 7;
    }
    writeUint8((int) value);
  }

  public void writeVarUint8Array(byte[] array) {
    writeVarUint(array.length);
    writeBytes(array);
  }

  /** As JavaScript's TextEncoder does: an unpaired surrogate becomes U+FFFD. */
  public void writeVarString(String text) {
    writeVarUint8Array(Utf8Encoding.encode(text));
  }

  public void writeBytes(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
