package io.lockstep.sessions.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * An agent session of one owner. Its row is the counter of the session's event log ({@code
 * lastSeq}, locked by the appending transaction) and says whether a prompt is running, on which
 * node, and when that node last showed that it still works on it.
 */
@Entity
@Table(name = "agent_sessions")
@NamedQuery(
    name = AgentSession.BY_OWNER,
    query =
        "SELECT s FROM AgentSession s WHERE s.ownerId = :owner AND s.archived = :archived"
            + " ORDER BY s.updatedAt DESC, s.id")
@NamedQuery(
    name = AgentSession.COUNT_BY_OWNER,
    query =
        "SELECT COUNT(s) FROM AgentSession s WHERE s.ownerId = :owner AND s.archived = :archived")
@NamedQuery(
    name = AgentSession.PROMPTING,
    query = "SELECT s FROM AgentSession s WHERE s.promptId IS NOT NULL ORDER BY s.updatedAt DESC")
public class AgentSession {

  public static final String BY_OWNER = "AgentSession.byOwner";
  public static final String PROMPTING = "AgentSession.prompting";
  public static final String COUNT_BY_OWNER = "AgentSession.countByOwner";

  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "owner_id", nullable = false, length = 255)
  private String ownerId;

  @Column(nullable = false, length = 500)
  private String title;

  @Column(nullable = false, length = 200)
  private String model;

  @Column(nullable = false, length = 64)
  private String adapter;

  @Column(nullable = false)
  private boolean archived;

  @Column(name = "last_seq", nullable = false)
  private long lastSeq;

  @Column(name = "prompt_id", length = 128)
  private String promptId;

  @Column(name = "prompt_node", length = 255)
  private String promptNode;

  @Column(name = "prompt_alive_at")
  private Instant promptAliveAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected AgentSession() {}

  public AgentSession(String ownerId, String title, Model model, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.ownerId = ownerId;
    this.title = title;
    this.model = model.id();
    this.adapter = model.adapter();
    this.createdAt = now;
    this.updatedAt = now;
  }

  public String id() {
    return id;
  }

  public String ownerId() {
    return ownerId;
  }

  public boolean isOwnedBy(String userId) {
    return ownerId.equals(userId);
  }

  public String model() {
    return model;
  }

  public String adapter() {
    return adapter;
  }

  public boolean isArchived() {
    return archived;
  }

  public long lastSeq() {
    return lastSeq;
  }

  /** The next seq of the log; the caller holds this row's write lock. */
  public long nextSeq(Instant now) {
    updatedAt = now;
    return ++lastSeq;
  }

  public void rename(String title, Instant now) {
    this.title = title;
    this.updatedAt = now;
  }

  public void archive(boolean archived, Instant now) {
    this.archived = archived;
    this.updatedAt = now;
  }

  public String runningPromptId() {
    return promptId;
  }

  public String promptNode() {
    return promptNode;
  }

  /**
   * Whether a prompt runs now: one was started and its node showed life within {@code staleAfter}.
   * A prompt whose node died (kill -9) stops counting once it is stale.
   */
  public boolean isPrompting(Instant now, Duration staleAfter) {
    return promptId != null && promptAliveAt != null && promptAliveAt.plus(staleAfter).isAfter(now);
  }

  /** A prompt was started and never finished, and its node stopped working on it. */
  public boolean hasAbandonedPrompt(Instant now, Duration staleAfter) {
    return promptId != null && !isPrompting(now, staleAfter);
  }

  /** The running prompt as the admin page lists it, or null if none runs. */
  public RunningPrompt runningPrompt(Instant now, Duration staleAfter) {
    if (promptId == null) {
      return null;
    }
    return new RunningPrompt(
        id,
        ownerId,
        title,
        model,
        promptId,
        promptNode,
        promptAliveAt,
        isPrompting(now, staleAfter));
  }

  public void startPrompt(String promptId, String node, Instant now) {
    this.promptId = promptId;
    this.promptNode = node;
    this.promptAliveAt = now;
    this.updatedAt = now;
  }

  public void promptAlive(Instant now) {
    this.promptAliveAt = now;
  }

  public void endPrompt(Instant now) {
    this.promptId = null;
    this.promptNode = null;
    this.promptAliveAt = null;
    this.updatedAt = now;
  }

  public SessionRecord toRecord(Instant now, Duration staleAfter) {
    return new SessionRecord(
        id,
        ownerId,
        title,
        model,
        adapter,
        archived,
        lastSeq,
        isPrompting(now, staleAfter),
        createdAt,
        updatedAt);
  }
}
