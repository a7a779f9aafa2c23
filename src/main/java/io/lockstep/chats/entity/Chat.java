package io.lockstep.chats.entity;

import jakarta.json.JsonArray;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A chat of one owner: its messages as a JSON array, and how it is filed. */
@Entity
@Table(name = "chats")
@NamedQuery(
    name = Chat.BY_OWNER,
    query =
        "SELECT c FROM Chat c WHERE c.ownerId = :owner AND c.archived = :archived"
            + " AND (:pinned IS NULL OR c.pinned = :pinned) ORDER BY c.updatedAt DESC, c.id")
@NamedQuery(
    name = Chat.COUNT_BY_OWNER,
    query =
        "SELECT COUNT(c) FROM Chat c WHERE c.ownerId = :owner AND c.archived = :archived"
            + " AND (:pinned IS NULL OR c.pinned = :pinned)")
public class Chat {

  public static final String BY_OWNER = "Chat.byOwner";
  public static final String COUNT_BY_OWNER = "Chat.countByOwner";

  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "owner_id", nullable = false, length = 255)
  private String ownerId;

  @Column(nullable = false, length = 500)
  private String title;

  @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
  @Column(nullable = false)
  private String messages;

  @Column(name = "message_count", nullable = false)
  private int messageCount;

  @Column(nullable = false, length = 2000)
  private String tags;

  @Column(length = 200)
  private String folder;

  @Column(nullable = false)
  private boolean pinned;

  @Column(nullable = false)
  private boolean archived;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Chat() {}

  public Chat(String ownerId, String title, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.ownerId = ownerId;
    this.title = title;
    this.messages = "[]";
    this.tags = "[]";
    this.createdAt = now;
    this.updatedAt = now;
  }

  public boolean isOwnedBy(String userId) {
    return ownerId.equals(userId);
  }

  public void rename(String title, Instant now) {
    this.title = title;
    touch(now);
  }

  public void replaceMessages(JsonArray messages, Instant now) {
    this.messages = messages.toString();
    this.messageCount = messages.size();
    touch(now);
  }

  public void retag(List<String> tags, Instant now) {
    this.tags = ChatJson.tagsToJson(tags);
    touch(now);
  }

  public void moveToFolder(String folder, Instant now) {
    this.folder = folder;
    touch(now);
  }

  public void pin(boolean pinned, Instant now) {
    this.pinned = pinned;
    touch(now);
  }

  public void archive(boolean archived, Instant now) {
    this.archived = archived;
    touch(now);
  }

  private void touch(Instant now) {
    if (now.isAfter(updatedAt)) {
      updatedAt = now;
    }
  }

  public String id() {
    return id;
  }

  public String ownerId() {
    return ownerId;
  }

  public String title() {
    return title;
  }

  public JsonArray messages() {
    return ChatJson.parseArray(messages);
  }

  /** Titles and metadata only: what lists and change events carry. */
  public ChatSummary toSummary() {
    return new ChatSummary(
        id,
        title,
        ChatJson.tagsFromJson(tags),
        folder,
        pinned,
        archived,
        messageCount,
        createdAt,
        updatedAt);
  }

  /** The whole chat, as REST {@code GET} returns it. */
  public ChatRecord toRecord() {
    return new ChatRecord(
        id,
        title,
        ChatJson.tagsFromJson(tags),
        folder,
        pinned,
        archived,
        messageCount,
        messages(),
        createdAt,
        updatedAt);
  }
}
