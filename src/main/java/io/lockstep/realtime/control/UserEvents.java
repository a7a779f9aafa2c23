package io.lockstep.realtime.control;

import io.lockstep.metrics.control.Meters;
import io.lockstep.realtime.entity.StreamEvent;
import io.lockstep.realtime.entity.StreamEventRecorded;
import io.lockstep.realtime.entity.StreamHead;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The user room's stream: every event for {@code user:{id}} gets the next per-user {@code seq} and
 * is stored in the transaction of the change it reports, then delivered after that transaction
 * commits. A reconnecting client replays what it missed with {@code user:sync}. The store keeps a
 * bounded window: the last {@code lockstep.user-events.retention-count} events of each user, and
 * none older than {@code lockstep.user-events.retention-hours}.
 */
@ApplicationScoped
public class UserEvents {

  @PersistenceContext(unitName = "lockstep")
  EntityManager em;

  @Inject StreamHeads heads;
  @Inject Event<StreamEventRecorded> recorded;
  @Inject Meters meters;

  @Inject
  @ConfigProperty(name = "lockstep.user-events.retention-count", defaultValue = "10000")
  long retentionCount;

  Clock clock = Clock.systemUTC();

  /** Appends an event to the user's stream within the caller's transaction; returns its seq. */
  @Transactional(Transactional.TxType.MANDATORY)
  public long record(String userId, String type, Object payload) {
    String stream = Rooms.userRoom(userId);
    StreamHead head = heads.locked(stream);
    long seq = head.next();
    String frame = Frames.streamEvent(type, seq, payload);
    em.persist(
        new StreamEvent(stream, seq, type, frame, clock.instant().truncatedTo(ChronoUnit.MICROS)));
    if (seq > retentionCount) {
      em.createNamedQuery(StreamEvent.DELETE_UP_TO)
          .setParameter("stream", stream)
          .setParameter("upTo", seq - retentionCount)
          .executeUpdate();
    }
    recorded.fire(new StreamEventRecorded(stream, seq, frame));
    meters.eventAppended("user");
    return seq;
  }

  /** The last seq handed out for the user, as committed now. */
  public long lastSeq(String userId) {
    return heads.lastSeq(Rooms.userRoom(userId));
  }

  /** The stored frames with {@code after < seq <= upTo}, oldest first, at most {@code limit}. */
  @Transactional
  public List<StreamEvent> between(String userId, long after, long upTo, int limit) {
    return em.createNamedQuery(StreamEvent.AFTER, StreamEvent.class)
        .setParameter("stream", Rooms.userRoom(userId))
        .setParameter("after", after)
        .setParameter("upTo", upTo)
        .setMaxResults(limit)
        .getResultList();
  }

  /** The oldest seq still kept for the user, if any. */
  @Transactional
  public Long firstKeptSeq(String userId) {
    return em.createNamedQuery(StreamEvent.FIRST_SEQ, Long.class)
        .setParameter("stream", Rooms.userRoom(userId))
        .getSingleResult();
  }

  /** Forgets events older than the cutoff; idempotent, so every node may run it. */
  @Transactional
  public int removeOlderThan(Instant cutoff) {
    return em.createNamedQuery(StreamEvent.DELETE_BEFORE)
        .setParameter("prefix", "user:%")
        .setParameter("cutoff", cutoff)
        .executeUpdate();
  }
}
