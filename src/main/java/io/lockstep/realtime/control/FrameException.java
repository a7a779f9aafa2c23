package io.lockstep.realtime.control;

import io.lockstep.realtime.entity.ErrorCode;

/** Refuses one frame with an {@code error} frame; the connection stays usable. */
public class FrameException extends Exception {

  private final ErrorCode code;

  public FrameException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
