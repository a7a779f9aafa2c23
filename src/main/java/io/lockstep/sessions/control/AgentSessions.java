package io.lockstep.sessions.control;

import io.lockstep.auth.entity.Caller;
import io.lockstep.realtime.control.UserEvents;
import io.lockstep.realtime.entity.StreamEvent;
import io.lockstep.sessions.entity.AgentPrompt;
import io.lockstep.sessions.entity.AgentSession;
import io.lockstep.sessions.entity.EventType;
import io.lockstep.sessions.entity.Model;
import io.lockstep.sessions.entity.PromptRequest;
import io.lockstep.sessions.entity.RunningPrompt;
import io.lockstep.sessions.entity.SessionChanged;
import io.lockstep.sessions.entity.SessionDeleted;
import io.lockstep.sessions.entity.SessionEnded;
import io.lockstep.sessions.entity.SessionInput;
import io.lockstep.sessions.entity.SessionPage;
import io.lockstep.sessions.entity.SessionRecord;
import io.lockstep.sessions.entity.SessionState;
import io.lockstep.system.control.JsonMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Agent sessions and every write to their logs. A write locks the session's row, takes the next seq
 * from it and stores the event in one transaction, so seq numbers are right with any number of
 * nodes. The owner and admins may do everything with a session; anyone else is told it does not
 * exist. Lifecycle changes go to the owner's user room like chats do.
 */
@ApplicationScoped
@Transactional
public class AgentSessions {

  @PersistenceContext(unitName = "lockstep")
  EntityManager em;

  @Inject SessionLog log;
  @Inject UserEvents userEvents;
  @Inject ModelCatalog catalog;
  @Inject Event<SessionEnded> ended;

  @Inject
  @ConfigProperty(name = "lockstep.sessions.prompt-stale-seconds", defaultValue = "30")
  int staleSeconds;

  @Inject
  @ConfigProperty(name = "lockstep.agent.history-events", defaultValue = "200")
  int historyEvents;

  Clock clock = Clock.systemUTC();

  public SessionRecord create(String ownerId, SessionInput input) {
    Model model = modelFor(input.model());
    Instant now = now();
    String title = input.title() == null ? "New Session" : input.title().strip();
    var session = new AgentSession(ownerId, title, model, now);
    em.persist(session);
    SessionRecord record = record(session);
    userEvents.record(ownerId, "session:created", new SessionChanged(record));
    return record;
  }

  public SessionPage list(String ownerId, boolean archived, int page, int size) {
    List<SessionRecord> items =
        em.createNamedQuery(AgentSession.BY_OWNER, AgentSession.class)
            .setParameter("owner", ownerId)
            .setParameter("archived", archived)
            .setFirstResult(page * size)
            .setMaxResults(size)
            .getResultStream()
            .map(this::record)
            .toList();
    long total =
        em.createNamedQuery(AgentSession.COUNT_BY_OWNER, Long.class)
            .setParameter("owner", ownerId)
            .setParameter("archived", archived)
            .getSingleResult();
    return new SessionPage(items, page, size, total);
  }

  public SessionRecord get(Caller caller, String id) {
    return record(accessible(caller, id, LockModeType.NONE));
  }

  /** The session as an observer sees it; not found unless the caller may see it. */
  public SessionState state(Caller caller, String id) {
    AgentSession session = accessible(caller, id, LockModeType.NONE);
    return new SessionState(
        id, session.lastSeq(), session.isPrompting(now(), staleAfter()), session.isArchived());
  }

  /**
   * Stored events after {@code after}, straight from the database: an export, not the live view.
   */
  public List<StreamEvent> storedEvents(Caller caller, String id, long after, int limit) {
    accessible(caller, id, LockModeType.NONE);
    return log.after(id, after, limit);
  }

  /** The session's state now, without an access check: for a caller already let in. */
  public Optional<SessionState> current(String id) {
    return Optional.ofNullable(em.find(AgentSession.class, id))
        .map(
            session ->
                new SessionState(
                    id,
                    session.lastSeq(),
                    session.isPrompting(now(), staleAfter()),
                    session.isArchived()));
  }

  public SessionRecord rename(Caller caller, String id, String title) {
    AgentSession session = accessible(caller, id, LockModeType.PESSIMISTIC_WRITE);
    session.rename(title.strip(), now());
    return announce(session);
  }

  public SessionRecord archive(Caller caller, String id, boolean archived) {
    AgentSession session = accessible(caller, id, LockModeType.PESSIMISTIC_WRITE);
    boolean wasArchived = session.isArchived();
    session.archive(archived, now());
    if (archived && !wasArchived) {
      ended.fire(new SessionEnded(id, "archived"));
    }
    return announce(session);
  }

  public void delete(Caller caller, String id) {
    AgentSession session = accessible(caller, id, LockModeType.PESSIMISTIC_WRITE);
    em.createQuery("DELETE FROM AgentPrompt p WHERE p.sessionId = :id")
        .setParameter("id", id)
        .executeUpdate();
    log.deleteAll(id);
    em.remove(session);
    userEvents.record(session.ownerId(), "session:deleted", new SessionDeleted(id));
    ended.fire(new SessionEnded(id, "deleted"));
  }

  /**
   * Accepts a prompt: stores it as a {@code user_prompt} event and marks the session as prompting
   * on {@code node}. A {@code prompt_id} accepted before is acknowledged again, with its seq, and
   * never runs twice. A prompt while another runs is refused; one whose node died is closed as
   * {@code interrupted} first.
   */
  public AcceptedPrompt acceptPrompt(Caller caller, PromptRequest prompt, String node) {
    AgentSession session = accessible(caller, prompt.sessionId(), LockModeType.PESSIMISTIC_WRITE);
    AgentPrompt earlier =
        em.find(AgentPrompt.class, new AgentPrompt.Key(session.id(), prompt.promptId()));
    if (earlier != null) {
      return AcceptedPrompt.duplicate(session.id(), prompt.promptId(), earlier.seq());
    }
    if (session.isArchived()) {
      throw new SessionConflictException("the session is archived; unarchive it to prompt");
    }
    Instant now = now();
    List<SessionLog.Appended> recovered = new ArrayList<>();
    if (session.hasAbandonedPrompt(now, staleAfter())) {
      recovered.add(closeAbandoned(session, now));
    }
    if (session.runningPromptId() != null) {
      throw new SessionConflictException(
          "a prompt is running in this session; wait for prompt_complete or send cancel");
    }
    List<AgentRequest.Turn> history = history(session.id(), Long.MAX_VALUE);
    JsonObject data =
        JsonMapping.JSON
            .createObjectBuilder()
            .add("prompt_id", prompt.promptId())
            .add("user_id", caller.id())
            .add("text", prompt.text())
            .build();
    SessionLog.Appended appended = log.append(session, EventType.USER_PROMPT, data, false, now);
    em.persist(new AgentPrompt(session.id(), prompt.promptId(), appended.seq(), now));
    session.startPrompt(prompt.promptId(), node, now);
    return new AcceptedPrompt(
        session.id(),
        prompt.promptId(),
        appended.seq(),
        false,
        appended,
        recovered,
        new AgentRequest(session.id(), session.model(), history, prompt.text()),
        session.adapter());
  }

  /** Appends an event the agent produced; fails if the session is gone or the prompt ended. */
  public SessionLog.Appended appendFromAgent(
      String sessionId, String promptId, String type, JsonObject data, boolean partial) {
    AgentSession session = running(sessionId, promptId);
    Instant now = now();
    session.promptAlive(now);
    return log.append(session, type, data, partial, now);
  }

  /** Stores the text an event has grown to; marks the prompt as alive. */
  public void rewriteFromAgent(
      String sessionId,
      String promptId,
      String type,
      long seq,
      JsonObject data,
      Instant createdAt,
      boolean partial) {
    AgentSession session = running(sessionId, promptId);
    session.promptAlive(now());
    log.rewrite(sessionId, type, seq, data, createdAt, partial);
  }

  /** The prompt's node still works on it. */
  public void promptAlive(String sessionId, String promptId) {
    running(sessionId, promptId).promptAlive(now());
  }

  /** Ends the prompt with {@code prompt_complete}; empty if the session is gone meanwhile. */
  public Optional<SessionLog.Appended> complete(
      String sessionId, String promptId, String status, String error) {
    AgentSession session = em.find(AgentSession.class, sessionId, LockModeType.PESSIMISTIC_WRITE);
    if (session == null || !promptId.equals(session.runningPromptId())) {
      return Optional.empty();
    }
    Instant now = now();
    session.endPrompt(now);
    return Optional.of(
        log.append(
            session, EventType.PROMPT_COMPLETE, completion(promptId, status, error), false, now));
  }

  /** The prompts running now on any node, most recently started first. */
  public List<RunningPrompt> prompting(int limit) {
    Instant now = now();
    return em.createNamedQuery(AgentSession.PROMPTING, AgentSession.class)
        .setMaxResults(limit)
        .getResultStream()
        .map(session -> session.runningPrompt(now, staleAfter()))
        .toList();
  }

  /** Closes the prompts whose node stopped working on them; returns what it appended. */
  public List<SessionLog.Appended> closeAbandonedPrompts() {
    Instant now = now();
    List<String> candidates =
        em.createQuery(
                "SELECT s.id FROM AgentSession s WHERE s.promptId IS NOT NULL"
                    + " AND s.promptAliveAt < :staleBefore",
                String.class)
            .setParameter("staleBefore", now.minus(staleAfter()))
            .setMaxResults(100)
            .getResultList();
    List<SessionLog.Appended> closed = new ArrayList<>();
    for (String id : candidates) {
      AgentSession session = em.find(AgentSession.class, id, LockModeType.PESSIMISTIC_WRITE);
      if (session != null && session.hasAbandonedPrompt(now, staleAfter())) {
        closed.add(closeAbandoned(session, now));
      }
    }
    return closed;
  }

  /** The conversation before {@code beforeSeq}, for the agent: prompts and answers. */
  public List<AgentRequest.Turn> history(String sessionId, long beforeSeq) {
    List<AgentRequest.Turn> turns = new ArrayList<>();
    for (StreamEvent event : log.lastBefore(sessionId, beforeSeq, historyEvents)) {
      String role =
          switch (event.type()) {
            case EventType.USER_PROMPT -> "user";
            case EventType.AGENT_MESSAGE -> "assistant";
            default -> null;
          };
      if (role != null) {
        turns.add(new AgentRequest.Turn(role, textOf(event.payload())));
      }
    }
    return turns;
  }

  private SessionLog.Appended closeAbandoned(AgentSession session, Instant now) {
    String promptId = session.runningPromptId();
    session.endPrompt(now);
    return log.append(
        session,
        EventType.PROMPT_COMPLETE,
        completion(
            promptId, "interrupted", "the server working on this prompt stopped before the end"),
        false,
        now);
  }

  static JsonObject completion(String promptId, String status, String error) {
    JsonObjectBuilder data =
        JsonMapping.JSON.createObjectBuilder().add("prompt_id", promptId).add("status", status);
    if (error != null) {
      data.add("error", error);
    }
    return data.build();
  }

  private AgentSession running(String sessionId, String promptId) {
    AgentSession session = em.find(AgentSession.class, sessionId, LockModeType.PESSIMISTIC_WRITE);
    if (session == null || !promptId.equals(session.runningPromptId())) {
      throw new SessionNotFoundException(sessionId);
    }
    return session;
  }

  private AgentSession accessible(Caller caller, String id, LockModeType lock) {
    AgentSession session = id == null ? null : em.find(AgentSession.class, id, lock);
    if (session == null || !(session.isOwnedBy(caller.id()) || caller.isAdmin())) {
      throw new SessionNotFoundException(id);
    }
    return session;
  }

  private Model modelFor(String requested) {
    List<Model> models = catalog.models().models();
    if (requested == null) {
      return models.get(0);
    }
    return models.stream()
        .filter(model -> model.id().equals(requested))
        .findFirst()
        .orElseThrow(() -> new InvalidSessionException("unknown model '" + requested + "'"));
  }

  private SessionRecord announce(AgentSession session) {
    SessionRecord record = record(session);
    userEvents.record(session.ownerId(), "session:updated", new SessionChanged(record));
    return record;
  }

  private SessionRecord record(AgentSession session) {
    return session.toRecord(now(), staleAfter());
  }

  private static String textOf(String storedFrame) {
    try (var reader = JsonMapping.JSON.createReader(new StringReader(storedFrame))) {
      JsonObject data = reader.readObject().getJsonObject("data");
      return data != null && data.get("text") instanceof JsonString text ? text.getString() : "";
    }
  }

  Duration staleAfter() {
    return Duration.ofSeconds(staleSeconds);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
