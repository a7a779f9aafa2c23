package io.lockstep.chats.control;

import io.lockstep.chats.entity.Chat;
import io.lockstep.chats.entity.ChatChanged;
import io.lockstep.chats.entity.ChatDeleted;
import io.lockstep.chats.entity.ChatInput;
import io.lockstep.chats.entity.ChatPage;
import io.lockstep.chats.entity.ChatRecord;
import io.lockstep.chats.entity.ChatSummary;
import io.lockstep.realtime.control.UserEvents;
import io.lockstep.system.control.JsonMapping;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Chats and their changes. Every change is stored with its {@code chat:*} event in the owner's
 * stream, in one transaction; the event reaches the owner's devices after the commit, never before
 * and never for a rollback.
 */
@ApplicationScoped
@Transactional
public class Chats {

  @PersistenceContext(unitName = "lockstep")
  EntityManager em;

  @Inject UserEvents events;

  @Inject
  @ConfigProperty(name = "lockstep.chats.max-bytes", defaultValue = "33554432")
  int maxChatBytes;

  @Inject
  @ConfigProperty(name = "lockstep.chats.event-messages-bytes", defaultValue = "262144")
  int maxEventMessageBytes;

  /**
   * Fault injection for tests: the commit of a change to a chat with this title fails, after its
   * event was recorded (as a commit fails when the database refuses it at the end).
   */
  @Inject
  @ConfigProperty(name = "lockstep.faults.chat-title-that-fails")
  Optional<String> titleThatFails;

  @Resource TransactionSynchronizationRegistry transaction;

  Clock clock = Clock.systemUTC();

  public ChatRecord create(String ownerId, ChatInput input) {
    Instant now = now();
    var chat = new Chat(ownerId, input.title() == null ? "New Chat" : input.title(), now);
    JsonArray before = chat.messages();
    apply(chat, input, now);
    em.persist(chat);
    announce(chat, "chat:created", before);
    return chat.toRecord();
  }

  public ChatRecord get(String ownerId, String id) {
    return owned(ownerId, id).toRecord();
  }

  public ChatPage list(String ownerId, boolean archived, Boolean pinned, int page, int size) {
    List<ChatSummary> items =
        em.createNamedQuery(Chat.BY_OWNER, Chat.class)
            .setParameter("owner", ownerId)
            .setParameter("archived", archived)
            .setParameter("pinned", pinned)
            .setFirstResult(page * size)
            .setMaxResults(size)
            .getResultStream()
            .map(Chat::toSummary)
            .toList();
    long total =
        em.createNamedQuery(Chat.COUNT_BY_OWNER, Long.class)
            .setParameter("owner", ownerId)
            .setParameter("archived", archived)
            .setParameter("pinned", pinned)
            .getSingleResult();
    return new ChatPage(items, page, size, total);
  }

  public ChatRecord update(String ownerId, String id, ChatInput input) {
    Chat chat = owned(ownerId, id);
    JsonArray before = chat.messages();
    apply(chat, input, now());
    announce(chat, "chat:updated", before);
    return chat.toRecord();
  }

  public ChatSummary pin(String ownerId, String id, boolean pinned) {
    Chat chat = owned(ownerId, id);
    chat.pin(pinned, now());
    announce(chat, "chat:updated", null);
    return chat.toSummary();
  }

  public ChatSummary archive(String ownerId, String id, boolean archived) {
    Chat chat = owned(ownerId, id);
    chat.archive(archived, now());
    announce(chat, "chat:updated", null);
    return chat.toSummary();
  }

  public void delete(String ownerId, String id) {
    Chat chat = owned(ownerId, id);
    em.remove(chat);
    events.record(ownerId, "chat:deleted", new ChatDeleted(id));
  }

  /**
   * Applies one streamed {@code events} frame to a message of the chat. Returns whether the stream
   * of that message is complete ({@code status} with {@code done: true}), which is recorded as
   * {@code chat:updated} so that a device that was away catches up.
   */
  public boolean applyStreamed(String ownerId, String chatId, String messageId, JsonObject data) {
    Chat chat = owned(ownerId, chatId);
    String kind = data.get("type") instanceof JsonString type ? type.getString() : "";
    JsonArray before = chat.messages();
    var messages = JsonMapping.JSON.createArrayBuilder();
    boolean found = false;
    for (var value : before) {
      JsonObject message = value.asJsonObject();
      if (MessageChanges.idOf(message).equals(messageId)) {
        message = StreamedMessage.apply(message, kind, data);
        found = true;
      }
      messages.add(message);
    }
    if (!found) {
      messages.add(
          StreamedMessage.apply(
              JsonMapping.JSON
                  .createObjectBuilder()
                  .add("id", messageId)
                  .add("role", "assistant")
                  .add("content", "")
                  .build(),
              kind,
              data));
    }
    JsonArray after = messages.build();
    checkSize(after);
    chat.replaceMessages(after, now());
    boolean done = "status".equals(kind) && data.getBoolean("done", false);
    if (done) {
      announce(chat, "chat:updated", before);
    }
    return done;
  }

  // admin paths: explicit, never reached from the owner's API
  public ChatRecord getAsAdmin(String id) {
    return Optional.ofNullable(em.find(Chat.class, id))
        .orElseThrow(() -> new ChatNotFoundException(id))
        .toRecord();
  }

  private Chat owned(String ownerId, String id) {
    Chat chat = id == null ? null : em.find(Chat.class, id);
    if (chat == null || !chat.isOwnedBy(ownerId)) {
      throw new ChatNotFoundException(id);
    }
    return chat;
  }

  private void apply(Chat chat, ChatInput input, Instant now) {
    if (input.title() != null) {
      chat.rename(input.title(), now);
    }
    if (input.messages() != null) {
      MessageChanges.checkShape(input.messages());
      checkSize(input.messages());
      chat.replaceMessages(input.messages(), now);
    }
    if (input.tags() != null) {
      chat.retag(input.tags(), now);
    }
    if (input.folder() != null) {
      chat.moveToFolder(input.folder().isBlank() ? null : input.folder(), now);
    }
  }

  private void checkSize(JsonArray messages) {
    if (messages.toString().getBytes(StandardCharsets.UTF_8).length > maxChatBytes) {
      throw new InvalidChatException("messages are larger than " + maxChatBytes + " bytes");
    }
  }

  /**
   * Records the change in the owner's stream; {@code before} null means messages did not change.
   */
  private void announce(Chat chat, String type, JsonArray before) {
    List<JsonObject> changed =
        before == null ? List.of() : MessageChanges.changed(before, chat.messages());
    boolean fits =
        JsonMapping.JSONB.toJson(changed).getBytes(StandardCharsets.UTF_8).length
            <= maxEventMessageBytes;
    events.record(
        chat.ownerId(),
        type,
        new ChatChanged(
            chat.toSummary(),
            changed.isEmpty() || !fits ? null : changed,
            fits ? null : Boolean.TRUE));
    if (titleThatFails.filter(chat.title()::equals).isPresent()) {
      transaction.registerInterposedSynchronization(new FailingCommit());
    }
  }

  private static final class FailingCommit implements Synchronization {
    @Override
    public void beforeCompletion() {
      throw new IllegalStateException("fault injected: lockstep.faults.chat-title-that-fails");
    }

    @Override
    public void afterCompletion(int status) {
      // nothing to undo: the transaction rolled back
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
