package io.lockstep.sessions.control;

import io.lockstep.metrics.control.Meters;
import io.lockstep.realtime.control.Frames;
import io.lockstep.realtime.entity.StreamEvent;
import io.lockstep.sessions.entity.AgentSession;
import io.lockstep.sessions.entity.SessionEventFrame;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The event log of agent sessions, kept in the stream store under {@code session:{id}}. Events are
 * kept as long as their session; each is stored as the frame a client receives.
 */
@ApplicationScoped
public class SessionLog {

  @PersistenceContext(unitName = "lockstep")
  EntityManager em;

  @Inject Meters meters;

  public static String stream(String sessionId) {
    return "session:" + sessionId;
  }

  /** Appends an event; the caller's transaction holds the session's row lock. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Appended append(
      AgentSession session, String type, JsonObject data, boolean partial, Instant now) {
    long seq = session.nextSeq(now);
    String frame = storedFrame(session.id(), type, seq, data, now, partial);
    em.persist(new StreamEvent(stream(session.id()), seq, type, frame, now));
    meters.eventAppended("session");
    return new Appended(session.id(), type, seq, now, data);
  }

  /** Rewrites the stored frame of an event (an agent message that grew); false if it is gone. */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean rewrite(
      String sessionId,
      String type,
      long seq,
      JsonObject data,
      Instant createdAt,
      boolean partial) {
    StreamEvent event = em.find(StreamEvent.class, StreamEvent.Key.of(stream(sessionId), seq));
    if (event == null) {
      return false;
    }
    event.rewrite(storedFrame(sessionId, type, seq, data, createdAt, partial));
    return true;
  }

  /** The last {@code limit} events with seq below {@code before}, oldest first. */
  @Transactional
  public List<StreamEvent> lastBefore(String sessionId, long before, int limit) {
    List<StreamEvent> newestFirst =
        new ArrayList<>(
            em.createNamedQuery(StreamEvent.BEFORE, StreamEvent.class)
                .setParameter("stream", stream(sessionId))
                .setParameter("before", before)
                .setMaxResults(limit)
                .getResultList());
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  /** The first {@code limit} events with seq above {@code after}, oldest first. */
  @Transactional
  public List<StreamEvent> after(String sessionId, long after, int limit) {
    return em.createNamedQuery(StreamEvent.AFTER, StreamEvent.class)
        .setParameter("stream", stream(sessionId))
        .setParameter("after", after)
        .setParameter("upTo", Long.MAX_VALUE)
        .setMaxResults(limit)
        .getResultList();
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void deleteAll(String sessionId) {
    em.createNamedQuery(StreamEvent.DELETE_STREAM)
        .setParameter("stream", stream(sessionId))
        .executeUpdate();
  }

  static String storedFrame(
      String sessionId,
      String type,
      long seq,
      JsonObject data,
      Instant createdAt,
      boolean partial) {
    return Frames.streamEvent(
        type,
        seq,
        new SessionEventFrame(sessionId, data, createdAt, null, null, partial ? true : null, null));
  }

  /** An appended event: what it is, and its frame as a live observer receives it. */
  public record Appended(
      String sessionId, String type, long seq, Instant createdAt, JsonObject data) {

    /** The live frame; {@code max_seq} is this event's seq, the newest there is. */
    public String liveFrame(Boolean isMine) {
      return Frames.streamEvent(
          type, seq, new SessionEventFrame(sessionId, data, createdAt, seq, null, null, isMine));
    }
  }
}
