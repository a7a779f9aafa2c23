package io.lockstep.notes.boundary;

import io.lockstep.yjs.Lib0Decoder;
import io.lockstep.yjs.Lib0Encoder;
import java.nio.ByteBuffer;

/**
 * The messages of the y-websocket protocol: a varUint message type (0 sync, 1 awareness, 2 auth, 3
 * query awareness); a sync message has a varUint sync type (0 step 1 with a state vector, 1 step 2
 * and 2 update, each with an update), the payloads are varUint8Arrays.
 */
final class YMessages {

  enum Kind {
    SYNC_STEP_1,
    SYNC_STEP_2,
    UPDATE,
    AWARENESS,
    QUERY_AWARENESS,
    OTHER
  }

  record Message(Kind kind, byte[] payload) {}

  private static final int SYNC = 0;
  private static final int AWARENESS = 1;
  private static final int AUTH = 2;
  private static final int QUERY_AWARENESS = 3;
  private static final int STEP_1 = 0;
  private static final int STEP_2 = 1;
  private static final int UPDATE = 2;
  private static final int PERMISSION_DENIED = 0;

  private YMessages() {}

  static Message read(byte[] message) {
    Lib0Decoder decoder = new Lib0Decoder(message);
    long type = decoder.readVarUint();
    if (type == SYNC) {
      long step = decoder.readVarUint();
      Kind kind =
          step == STEP_1
              ? Kind.SYNC_STEP_1
              : step == STEP_2 ? Kind.SYNC_STEP_2 : step == UPDATE ? Kind.UPDATE : Kind.OTHER;
      return new Message(kind, kind == Kind.OTHER ? new byte[0] : decoder.readVarUint8Array());
    }
    if (type == AWARENESS) {
      return new Message(Kind.AWARENESS, decoder.readVarUint8Array());
    }
    if (type == QUERY_AWARENESS) {
      return new Message(Kind.QUERY_AWARENESS, new byte[0]);
    }
    return new Message(Kind.OTHER, new byte[0]);
  }

  static ByteBuffer syncStep1(byte[] stateVector) {
    return sync(STEP_1, stateVector);
  }

  static ByteBuffer syncStep2(byte[] update) {
    return sync(STEP_2, update);
  }

  static ByteBuffer update(byte[] update) {
    return sync(UPDATE, update);
  }

  static ByteBuffer awareness(byte[] update) {
    Lib0Encoder encoder = new Lib0Encoder();
    encoder.writeVarUint(AWARENESS);
    encoder.writeVarUint8Array(update);
    return ByteBuffer.wrap(encoder.toByteArray());
  }

  /** y-websocket shows it through the provider's permission-denied handler. */
  static ByteBuffer permissionDenied(String reason) {
    Lib0Encoder encoder = new Lib0Encoder();
    encoder.writeVarUint(AUTH);
    encoder.writeVarUint(PERMISSION_DENIED);
    encoder.writeVarString(reason);
    return ByteBuffer.wrap(encoder.toByteArray());
  }

  private static ByteBuffer sync(int step, byte[] payload) {
    Lib0Encoder encoder = new Lib0Encoder();
    encoder.writeVarUint(SYNC);
    encoder.writeVarUint(step);
    encoder.writeVarUint8Array(payload);
    return ByteBuffer.wrap(encoder.toByteArray());
  }
}
