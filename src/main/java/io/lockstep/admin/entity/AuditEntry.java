package io.lockstep.admin.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One admin action in the audit log: who, what, on what, with what outcome, when, where. */
@Entity
@Table(name = "admin_audit")
@NamedQuery(
    name = AuditEntry.NEWEST_FIRST,
    query = "SELECT a FROM AuditEntry a WHERE a.at < :before ORDER BY a.at DESC, a.id DESC")
public class AuditEntry {

  public static final String NEWEST_FIRST = "AuditEntry.newestFirst";

  @Id
  @Column(length = 36)
  private String id;

  @Column(nullable = false)
  private Instant at;

  @Column(name = "actor_id", nullable = false, length = 255)
  private String actorId;

  @Column(name = "actor_name", length = 255)
  private String actorName;

  @Column(nullable = false, length = 64)
  private String action;

  @Column(length = 500)
  private String target;

  @Column(nullable = false, length = 1000)
  private String outcome;

  @Column(nullable = false, length = 255)
  private String node;

  protected AuditEntry() {}

  public AuditEntry(
      Instant at,
      String actorId,
      String actorName,
      String action,
      String target,
      String outcome,
      String node) {
    this.id = UUID.randomUUID().toString();
    this.at = at;
    this.actorId = actorId;
    this.actorName = actorName;
    this.action = action;
    this.target = target;
    this.outcome = outcome;
    this.node = node;
  }

  public AuditRecord toRecord() {
    return new AuditRecord(id, at, actorId, actorName, action, target, outcome, node);
  }
}
