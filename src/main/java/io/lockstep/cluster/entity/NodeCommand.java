package io.lockstep.cluster.entity;

import java.io.Serializable;

/**
 * A request for whichever node holds something only it can act on, e.g. the prompt it runs: every
 * other node receives it and the one concerned acts. {@code target} names what it is about (a
 * session id).
 */
public record NodeCommand(Kind kind, String target, String originNode) implements Serializable {

  public enum Kind {
    /** Send the streaming buffer of the session's running prompt to its room (a late observer). */
    PEEK,
    /** Cancel the session's running prompt. */
    CANCEL
  }
}
