package io.lockstep.auth.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A person the identity provider vouched for; {@code id} is the token's {@code sub}. */
@Entity
@Table(name = "users")
public class User {

  @Id
  @Column(length = 255)
  private String id;

  @Column(nullable = false, length = 255)
  private String name;

  @Column(length = 320)
  private String email;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Role role;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "last_active_at", nullable = false)
  private Instant lastActiveAt;

  @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
  @Column(name = "settings", nullable = false)
  private String settings = "{}";

  @Column(name = "deleted_at")
  private Instant deletedAt;

  protected User() {}

  public User(Caller caller, Instant now) {
    this.id = caller.id();
    this.createdAt = now;
    this.lastActiveAt = now;
    takeIdentityFrom(caller);
  }

  /** The identity provider is the source of truth for name, email and role. */
  public boolean takeIdentityFrom(Caller caller) {
    boolean changed =
        !Objects.equals(name, caller.name())
            || !Objects.equals(email, caller.email())
            || role != caller.role();
    name = caller.name();
    email = caller.email();
    role = caller.role();
    return changed;
  }

  public void markActive(Instant now) {
    if (now.isAfter(lastActiveAt)) {
      lastActiveAt = now;
    }
  }

  public UserRecord toRecord() {
    return new UserRecord(id, name, email, role.wireName(), lastActiveAt);
  }

  /** The user's settings document (a JSON object), "{}" until first saved. */
  public String settings() {
    return settings;
  }

  public void replaceSettings(String json) {
    this.settings = json;
  }

  public String id() {
    return id;
  }

  public boolean isDeleted() {
    return deletedAt != null;
  }

  /**
   * Deletes the user: personal data goes (name, email, settings), the id stays as a tombstone so
   * that tokens still out for it are refused.
   */
  public void markDeleted(Instant now) {
    deletedAt = now;
    name = "deleted user";
    email = null;
    settings = "{}";
  }

  public Instant lastActiveAt() {
    return lastActiveAt;
  }
}
