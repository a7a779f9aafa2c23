package io.lockstep.realtime.control;

import io.lockstep.realtime.entity.StreamHead;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Creates a stream's head row on first use, in its own transaction, so appenders can lock it. */
@ApplicationScoped
public class StreamHeads {

  @PersistenceContext(unitName = "lockstep")
  EntityManager em;

  /** Fails (duplicate key) when another writer created the head at the same moment: harmless. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void create(String stream) {
    if (em.find(StreamHead.class, stream) == null) {
      em.persist(new StreamHead(stream));
    }
  }

  @Transactional
  public long lastSeq(String stream) {
    StreamHead head = em.find(StreamHead.class, stream);
    return head == null ? 0 : head.lastSeq();
  }
}
