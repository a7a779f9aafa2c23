package io.lockstep.it;

import io.lockstep.yjs.Lib0Encoder;

/**
 * Valid Yjs updates (format v1) that one client types into the root text {@code content}, the
 * shared type the web app and the y-websocket test driver read: each update appends ASCII text
 * after the client's previous character.
 */
public final class YText {

  private static final int STRING_CONTENT = 4;
  private static final int HAS_ORIGIN = 0x80;

  private final long client;
  private final String root;
  private long clock;
  private final StringBuilder text = new StringBuilder();

  public YText(long client) {
    this(client, "content");
  }

  public YText(long client, String root) {
    this.client = client;
    this.root = root;
  }

  /** Everything appended so far. */
  public String text() {
    return text.toString();
  }

  /** The update that appends {@code text} (ASCII, so one clock unit per character). */
  public synchronized byte[] append(String text) {
    Lib0Encoder encoder = new Lib0Encoder();
    encoder.writeVarUint(1); // clients
    encoder.writeVarUint(1); // structs of this client
    encoder.writeVarUint(client);
    encoder.writeVarUint(clock);
    if (clock == 0) {
      encoder.writeUint8(STRING_CONTENT);
      encoder.writeVarUint(1); // the parent is a root type, named
      encoder.writeVarString(root);
    } else {
      encoder.writeUint8(STRING_CONTENT | HAS_ORIGIN);
      encoder.writeVarUint(client);
      encoder.writeVarUint(clock - 1);
    }
    encoder.writeVarString(text);
    encoder.writeVarUint(0); // no deletions
    clock += text.length();
    this.text.append(text);
    return encoder.toByteArray();
  }
}
