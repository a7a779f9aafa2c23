package io.lockstep.realtime.control;

import io.lockstep.realtime.entity.StreamHead;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The heads of sequence-numbered streams: created on first use, in a transaction of their own, so
 * appenders can lock them.
 */
@ApplicationScoped
public class StreamHeads {

  @PersistenceContext(unitName = "lockstep")
  EntityManager em;

  /** This bean through its proxy, so that {@link #create} runs in a transaction of its own. */
  @Inject StreamHeads self;

  /** Fails (duplicate key) when another writer created the head at the same moment. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void create(String stream) {
    if (em.find(StreamHead.class, stream) == null) {
      em.persist(new StreamHead(stream));
    }
  }

  /** Creates the head of a new stream in the caller's transaction, with the row it belongs to. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void start(String stream) {
    em.persist(new StreamHead(stream));
  }

  /**
   * The stream's head, locked for writing until the caller's transaction ends. Heads are created
   * with what they count ({@link #start}); one missing (a stream older than that rule) is created
   * here in a transaction of its own. Two callers that both find it missing race on that insert,
   * and the loser fails: Payara does not resume the caller's transaction after a failed commit of a
   * nested one, so the loser cannot go on, and its request fails instead (the client retries).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public StreamHead locked(String stream) {
    StreamHead head = em.find(StreamHead.class, stream, LockModeType.PESSIMISTIC_WRITE);
    if (head != null) {
      return head;
    }
    self.create(stream);
    return em.find(StreamHead.class, stream, LockModeType.PESSIMISTIC_WRITE);
  }

  /** Forgets a stream's head (its stream is gone). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void remove(String stream) {
    StreamHead head = em.find(StreamHead.class, stream);
    if (head != null) {
      em.remove(head);
    }
  }

  @Transactional
  public long lastSeq(String stream) {
    StreamHead head = em.find(StreamHead.class, stream);
    return head == null ? 0 : head.lastSeq();
  }
}
