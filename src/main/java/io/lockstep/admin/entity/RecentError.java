package io.lockstep.admin.entity;

import java.io.Serializable;

/** An error frame a connection was sent, as the admin page lists it. */
public record RecentError(
    long atMillis,
    String node,
    String code,
    String frameType,
    String message,
    String userId,
    String connectionId)
    implements Serializable {}
