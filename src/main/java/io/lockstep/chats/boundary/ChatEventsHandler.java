package io.lockstep.chats.boundary;

import io.lockstep.chats.control.ChatNotFoundException;
import io.lockstep.chats.control.Chats;
import io.lockstep.chats.control.InvalidChatException;
import io.lockstep.chats.entity.ChatStreamEvent;
import io.lockstep.realtime.control.FrameException;
import io.lockstep.realtime.control.FrameHandler;
import io.lockstep.realtime.control.Frames;
import io.lockstep.realtime.control.Inbound;
import io.lockstep.realtime.control.RoomFanout;
import io.lockstep.realtime.control.Rooms;
import io.lockstep.realtime.entity.ErrorCode;
import io.lockstep.realtime.entity.NoFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code events {chat_id, message_id, data}}: output streamed into one of the caller's chats. It is
 * stored at once, then forwarded to the owner's other devices, so they see the chat grow.
 */
@ApplicationScoped
public class ChatEventsHandler implements FrameHandler<ChatStreamEvent> {

  @Inject Chats chats;
  @Inject RoomFanout fanout;

  @Override
  public String type() {
    return "events";
  }

  @Override
  public Class<ChatStreamEvent> payloadType() {
    return ChatStreamEvent.class;
  }

  @Override
  public void handle(Inbound<ChatStreamEvent> frame) throws FrameException {
    ChatStreamEvent event = frame.payload();
    String owner = frame.caller().id();
    try {
      chats.applyStreamed(owner, event.chatId(), event.messageId(), event.data());
    } catch (ChatNotFoundException e) {
      throw new FrameException(ErrorCode.NOT_FOUND, e.getMessage());
    } catch (InvalidChatException e) {
      throw new FrameException(ErrorCode.BAD_REQUEST, e.getMessage());
    }
    fanout.sendExcept(
        Rooms.userRoom(owner), Frames.event("events", event), frame.connection().id());
    if (frame.id() != null) {
      frame.reply("events:ack", new NoFields());
    }
  }
}
