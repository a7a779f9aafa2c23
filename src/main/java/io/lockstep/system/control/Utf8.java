package io.lockstep.system.control;

/** UTF-8 sizes of strings, counted without encoding them. */
public final class Utf8 {

  private Utf8() {}

  /**
   * The number of bytes {@code text} takes in UTF-8 (an unpaired surrogate counts as 3, as '?').
   */
  public static long length(CharSequence text) {
    long bytes = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
