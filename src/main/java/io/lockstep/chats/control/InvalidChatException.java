package io.lockstep.chats.control;

/**
 * Input that Bean Validation cannot express (the shape of messages); the message names the field.
 */
public class InvalidChatException extends RuntimeException {

  public InvalidChatException(String message) {
    super(message);
  }
}
