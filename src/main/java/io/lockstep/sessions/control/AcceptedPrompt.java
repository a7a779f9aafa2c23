package io.lockstep.sessions.control;

import java.util.List;

/**
 * A prompt the session took: its {@code user_prompt} event, and what the agent needs to run; or,
 * for a retry of an accepted {@code prompt_id}, only the seq it got the first time.
 */
public record AcceptedPrompt(
    String sessionId,
    String promptId,
    long seq,
    boolean duplicate,
    SessionLog.Appended event,
    List<SessionLog.Appended> recovered,
    AgentRequest request,
    String adapter) {

  static AcceptedPrompt duplicate(String sessionId, String promptId, long seq) {
    return new AcceptedPrompt(sessionId, promptId, seq, true, null, List.of(), null, null);
  }
}
