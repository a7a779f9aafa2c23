package io.lockstep.chats.control;

/** No such chat for this caller: another user's chat is "not found" too, never "forbidden". */
public class ChatNotFoundException extends RuntimeException {

  public ChatNotFoundException(String id) {
    super("no chat " + id);
  }
}
