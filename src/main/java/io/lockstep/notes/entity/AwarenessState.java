package io.lockstep.notes.entity;

import java.io.Serializable;

/**
 * One awareness client's last state in a note (cursor, name), and the connection that announced it;
 * kept cluster-wide so that a member joining on any node sees every cursor.
 */
public record AwarenessState(
    String noteId, long clientId, long clock, String json, String connectionId)
    implements Serializable {}
