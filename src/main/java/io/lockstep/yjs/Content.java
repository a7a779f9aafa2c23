package io.lockstep.yjs;

import java.util.ArrayList;
import java.util.List;

/**
 * The content of an item, by its reference number in the format. Values are kept as they were
 * encoded (strings, or each "any" element's bytes), so an update re-encodes byte for byte. Lengths
 * are those of Yjs: UTF-16 code units for strings, elements for arrays, one for the rest.
 */
public sealed interface Content {

  /** Yjs's types: array, map, text, XML element, XML fragment, XML hook, XML text. */
  int MAX_TYPE_REF = 6;

  int ref();

  long length();

  /** Whether {@link #splitAt} may cut it. */
  default boolean isSplittable() {
    return false;
  }

  /** The part from {@code offset} on. */
  default Content splitAt(long offset) {
    throw new YjsFormatException("content " + ref() + " of length 1 cannot be split");
  }

  /** The content of this followed by {@code next}, or null if the kinds do not merge. */
  default Content mergedWith(Content next) {
    return null;
  }

  void write(Lib0Encoder encoder);

  static Content read(int ref, Lib0Decoder decoder) {
    return switch (ref) {
      case 1 -> new Deleted(decoder.readVarUint());
      case 2 -> new Json(readStrings(decoder));
      case 3 -> new Binary(decoder.readVarUint8Array());
      case 4 -> new Text(decoder.readVarString());
      case 5 -> new Embed(decoder.readVarString());
      case 6 -> new Format(decoder.readVarString(), decoder.readVarString());
      case 7 -> {
        long ref7 = decoder.readVarUint();
        if (ref7 > MAX_TYPE_REF) { // Yjs knows no other type: it fails on the update
          throw new YjsFormatException("unknown type reference " + ref7);
        }
        int typeRef = (int) ref7;
        // an XML element (3) and an XML hook (5) carry their name
        String name = typeRef == 3 || typeRef == 5 ? decoder.readVarString() : null;
        yield new Type(typeRef, name);
      }
      case 8 -> new Any(readAnys(decoder));
      case 9 -> new Doc(decoder.readVarString(), decoder.readAnyEncoded());
      default -> throw new YjsFormatException("unknown content type " + ref);
    };
  }

  private static List<String> readStrings(Lib0Decoder decoder) {
    long count = decoder.readVarUint();
    List<String> strings = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      strings.add(decoder.readVarString());
    }
    return strings;
  }

  private static List<byte[]> readAnys(Lib0Decoder decoder) {
    long count = decoder.readVarUint();
    List<byte[]> values = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      values.add(decoder.readAnyEncoded());
    }
    return values;
  }

  /** Deleted content: only its length is left. */
  record Deleted(long length) implements Content {
    public int ref() {
      return 1;
    }

    public boolean isSplittable() {
      return true;
    }

    public Content splitAt(long offset) {
      return new Deleted(length - offset);
    }

    public Content mergedWith(Content next) {
      return next instanceof Deleted deleted ? new Deleted(length + deleted.length) : null;
    }

    public void write(Lib0Encoder encoder) {
      encoder.writeVarUint(length);
    }
  }

  /** Legacy JSON content: each element a JSON string. */
  record Json(List<String> values) implements Content {
    public int ref() {
      return 2;
    }

    public long length() {
      return values.size();
    }

    public boolean isSplittable() {
      return true;
    }

    public Content splitAt(long offset) {
      return new Json(List.copyOf(values.subList((int) offset, values.size())));
    }

    public Content mergedWith(Content next) {
      if (!(next instanceof Json json)) {
        return null;
      }
      List<String> all = new ArrayList<>(values);
      all.addAll(json.values);
      return new Json(all);
    }

    public void write(Lib0Encoder encoder) {
      encoder.writeVarUint(values.size());
      values.forEach(encoder::writeVarString);
    }
  }

  /** A Uint8Array. */
  record Binary(byte[] bytes) implements Content {
    public int ref() {
      return 3;
    }

    public long length() {
      return 1;
    }

    public void write(Lib0Encoder encoder) {
      encoder.writeVarUint8Array(bytes);
    }
  }

  /** Text of a Y.Text or Y.XmlText. */
  record Text(String text) implements Content {
    public int ref() {
      return 4;
    }

    public long length() {
      return text.length();
    }

    public boolean isSplittable() {
      return true;
    }

    /** As Yjs does, a surrogate pair cut in two becomes U+FFFD on each side. */
    public Content splitAt(long offset) {
      int at = (int) offset;
      String right = text.substring(at);
      if (at > 0 && Character.isHighSurrogate(text.charAt(at - 1)) && !right.isEmpty()) {
        right = '\uFFFD' + right.substring(1);
      }
      return new Text(right);
    }

    public Content mergedWith(Content next) {
      return next instanceof Text other ? new Text(text + other.text) : null;
    }

    public void write(Lib0Encoder encoder) {
      encoder.writeVarString(text);
    }
  }

  /** An embed in a Y.Text, as JSON. */
  record Embed(String json) implements Content {
    public int ref() {
      return 5;
    }

    public long length() {
      return 1;
    }

    public void write(Lib0Encoder encoder) {
      encoder.writeVarString(json);
    }
  }

  /** A formatting attribute in a Y.Text: key and JSON value. */
  record Format(String key, String json) implements Content {
    public int ref() {
      return 6;
    }

    public long length() {
      return 1;
    }

    public void write(Lib0Encoder encoder) {
      encoder.writeVarString(key);
      encoder.writeVarString(json);
    }
  }

  /** A nested shared type; XML elements and hooks carry their name. */
  record Type(int typeRef, String name) implements Content {
    public int ref() {
      return 7;
    }

    public long length() {
      return 1;
    }

    public void write(Lib0Encoder encoder) {
      encoder.writeVarUint(typeRef);
      if (name != null) {
        encoder.writeVarString(name);
      }
    }
  }

  /** Values of a Y.Array or Y.Map, each kept as its lib0 "any" encoding. */
  record Any(List<byte[]> values) implements Content {
    public int ref() {
      return 8;
    }

    public long length() {
      return values.size();
    }

    public boolean isSplittable() {
      return true;
    }

    public Content splitAt(long offset) {
      return new Any(List.copyOf(values.subList((int) offset, values.size())));
    }

    public Content mergedWith(Content next) {
      if (!(next instanceof Any any)) {
        return null;
      }
      List<byte[]> all = new ArrayList<>(values);
      all.addAll(any.values);
      return new Any(all);
    }

    public void write(Lib0Encoder encoder) {
      encoder.writeVarUint(values.size());
      values.forEach(encoder::writeBytes);
    }
  }

  /** A subdocument: its guid and options. */
  record Doc(String guid, byte[] options) implements Content {
    public int ref() {
      return 9;
    }

    public long length() {
      return 1;
    }

    public void write(Lib0Encoder encoder) {
      encoder.writeVarString(guid);
      encoder.writeBytes(options);
    }
  }
}
