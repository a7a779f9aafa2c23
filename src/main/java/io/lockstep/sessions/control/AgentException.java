package io.lockstep.sessions.control;

/** The agent could not answer; the message is shown to the user in {@code prompt_complete}. */
public class AgentException extends Exception {

  public AgentException(String message) {
    super(message);
  }

  public AgentException(String message, Throwable cause) {
    super(message, cause);
  }
}
