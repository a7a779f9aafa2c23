package io.lockstep.admin.control;

import io.lockstep.admin.entity.Actor;
import io.lockstep.admin.entity.AuditEntry;
import io.lockstep.admin.entity.AuditRecord;
import io.lockstep.cluster.control.Cluster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Logger;

/**
 * The audit log of admin actions, in the database (table {@code admin_audit}) and in the server
 * log. An entry is written in its own transaction, so it stays even when the action fails after it.
 */
@ApplicationScoped
public class AuditLog {

  private static final Logger LOG = Logger.getLogger("io.lockstep.audit");
  private static final int MAX_TARGET = 500;
  private static final int MAX_OUTCOME = 1000;

  @PersistenceContext(unitName = "lockstep")
  EntityManager em;

  @Inject Cluster cluster;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public AuditRecord record(Actor actor, String action, String target, String outcome) {
    var entry =
        new AuditEntry(
            Instant.now().truncatedTo(ChronoUnit.MICROS),
            actor.id(),
            actor.name(),
            action,
            cut(target, MAX_TARGET),
            cut(outcome, MAX_OUTCOME),
            cluster.nodeName());
    em.persist(entry);
    LOG.info(
        () -> "Admin action " + action + " on " + target + " by " + actor.id() + ": " + outcome);
    return entry.toRecord();
  }

  /** The newest entries first, older than {@code before} (or from now). */
  @Transactional
  public List<AuditRecord> newest(Instant before, int limit) {
    return em.createNamedQuery(AuditEntry.NEWEST_FIRST, AuditEntry.class)
        .setParameter("before", before == null ? Instant.now().plusSeconds(1) : before)
        .setMaxResults(limit)
        .getResultStream()
        .map(AuditEntry::toRecord)
        .toList();
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
