package io.lockstep.realtime.control;

/**
 * Handles one inbound message type on /ws. A component adds a message type by adding one CDI bean
 * that implements this; {@link FrameDispatcher} finds it. The payload has been decoded with JSON-B
 * and checked with Bean Validation before {@link #handle} runs.
 */
public interface FrameHandler<T> {

  /** The {@code type} of the frames this handles, unique across Lockstep. */
  String type();

  Class<T> payloadType();

  void handle(Inbound<T> frame) throws FrameException;

  /**
   * The largest frame of this type, in UTF-8 bytes. Most types keep the standard limit ({@code
   * lockstep.ws.max-frame-bytes}); a type that carries documents may allow more.
   */
  default long maxFrameBytes(long standardLimit) {
    return standardLimit;
  }
}
