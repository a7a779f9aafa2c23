package io.lockstep.cluster.entity;

import java.io.Serializable;

/**
 * A request for whichever node holds something only it can act on, e.g. the prompt it runs: every
 * other node receives it and the one concerned acts, or every node acts on its own connections.
 * {@code target} names what it is about (a session id, a user id, a room).
 */
public record NodeCommand(Kind kind, String target, String originNode) implements Serializable {

  public enum Kind {
    /** Send the streaming buffer of the session's running prompt to its room (a late observer). */
    PEEK,
    /** Cancel the session's running prompt. */
    CANCEL,
    /** Close every connection of the user ({@code target}): an admin's disconnect. */
    DISCONNECT_USER,
    /** Close every connection of the user ({@code target}) for good: an admin deleted them. */
    USER_DELETED,
    /** Take every connection out of the room ({@code target}): an admin ended it. */
    END_ROOM,
    /** Tell every connection that a new deployment is out ({@code target}: its id). */
    ANNOUNCE_DEPLOYMENT
  }
}
