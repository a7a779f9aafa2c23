package io.lockstep.yjs;

import java.io.ByteArrayOutputStream;

/** UTF-8 as JavaScript's TextEncoder writes it, unpaired surrogates as U+FFFD. */
final class Utf8Encoding {

  private Utf8Encoding() {}

  static byte[] encode(String text) {
    var out = new ByteArrayOutputStream(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      int c = text.charAt(i);
      if (Character.isHighSurrogate((char) c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        c = Character.toCodePoint((char) c, text.charAt(++i));
      } else if (Character.isSurrogate((char) c)) {
        c = 0xFFFD;
      }
      if (c < 0x80) {
        out.write(c);
      } else if (c < 0x800) {
        out.write(0xC0 | (c >> 6));
        out.write(0x80 | (c & 0x3F));
      } else if (c < 0x10000) {
        out.write(0xE0 | (c >> 12));
        out.write(0x80 | ((c >> 6) & 0x3F));
        out.write(0x80 | (c & 0x3F));
      } else {
        out.write(0xF0 | (c >> 18));
        out.write(0x80 | ((c >> 12) & 0x3F));
        out.write(0x80 | ((c >> 6) & 0x3F));
        out.write(0x80 | (c & 0x3F));
      }
    }
    return out.toByteArray();
  }
}
