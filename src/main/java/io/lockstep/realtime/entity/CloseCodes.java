package io.lockstep.realtime.entity;

import jakarta.websocket.CloseReason;

/** Close codes Lockstep uses on /ws; see protocol.md, "Close codes". */
public final class CloseCodes {

  /** No frame and no pong for longer than the idle timeout. */
  public static final int IDLE_TIMEOUT = 4000;

  /** The client did not read its frames fast enough; it reconnects and catches up by replay. */
  public static final int SLOW_CONSUMER = 4001;

  /**
   * An administrator disconnected the user (say, after a change of role): the client reconnects,
   * with a fresh token if it has one.
   */
  public static final int DISCONNECTED_BY_ADMIN = 4002;

  /** Missing, malformed, forged or expired token. The client must not retry with the same token. */
  public static final int UNAUTHORIZED = 4401;

  /** No {@code user-join} within the join timeout. */
  public static final int JOIN_TIMEOUT = 4408;

  /** /ws/yjs: a message that is not the y-websocket protocol. */
  public static final int BAD_MESSAGE = 4400;

  /** /ws/yjs: the note does not exist or the caller may not read it. */
  public static final int NOT_FOUND = 4404;

  /** /ws/yjs: more messages a second than allowed; the client reconnects and resyncs. */
  public static final int TOO_MANY_MESSAGES = 4429;

  private CloseCodes() {}

  public static CloseReason reason(int code, String phrase) {
    // a close reason may carry at most 123 bytes of UTF-8
    String shortened = phrase.length() > 120 ? phrase.substring(0, 120) : phrase;
    return new CloseReason(CloseReason.CloseCodes.getCloseCode(code), shortened);
  }
}
