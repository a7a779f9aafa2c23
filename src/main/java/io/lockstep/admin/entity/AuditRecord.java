package io.lockstep.admin.entity;

import java.time.Instant;

/** An audit log entry as the admin API shows it. */
public record AuditRecord(
    String id,
    Instant at,
    String actorId,
    String actorName,
    String action,
    String target,
    String outcome,
    String node) {}
