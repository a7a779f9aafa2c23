package io.lockstep.sessions.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A prompt the server accepted, by its client {@code prompt_id}: a retry finds it here. */
@Entity
@Table(name = "agent_prompts")
@IdClass(AgentPrompt.Key.class)
public class AgentPrompt {

  @Id
  @Column(name = "session_id", length = 36)
  private String sessionId;

  @Id
  @Column(name = "prompt_id", length = 128)
  private String promptId;

  @Column(nullable = false)
  private long seq;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected AgentPrompt() {}

  public AgentPrompt(String sessionId, String promptId, long seq, Instant createdAt) {
    this.sessionId = sessionId;
    this.promptId = promptId;
    this.seq = seq;
    this.createdAt = createdAt;
  }

  public long seq() {
    return seq;
  }

  /** The composite primary key (session_id, prompt_id). */
  public static class Key implements Serializable {
    private String sessionId;
    private String promptId;

    public Key() {}

    public Key(String sessionId, String promptId) {
      this.sessionId = sessionId;
      this.promptId = promptId;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && Objects.equals(key.sessionId, sessionId)
          && Objects.equals(key.promptId, promptId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(sessionId, promptId);
    }
  }
}
