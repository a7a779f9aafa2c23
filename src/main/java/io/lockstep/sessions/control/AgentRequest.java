package io.lockstep.sessions.control;

import java.util.List;

/** What an agent answers: the conversation so far, and the new prompt. */
public record AgentRequest(String sessionId, String model, List<Turn> history, String prompt) {

  /** One earlier turn: {@code role} is {@code user} or {@code assistant}. */
  public record Turn(String role, String text) {}
}
