package io.lockstep.yjs;

/** The bytes are not a well-formed Yjs update, state vector or awareness update. */
public class YjsFormatException extends RuntimeException {
  public YjsFormatException(String message) {
    super(message);
  }
}
