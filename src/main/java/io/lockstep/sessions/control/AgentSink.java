package io.lockstep.sessions.control;

import jakarta.json.JsonObject;

/** Where an agent streams its answer. Consecutive chunks of one kind form one event. */
public interface AgentSink {

  /** A chunk of the answer ({@code agent_message}). */
  void message(String text);

  /** A chunk of the agent's reasoning ({@code agent_thought}). */
  void thought(String text);

  /** The agent calls a tool ({@code tool_call}). */
  void toolCall(String toolCallId, String name, JsonObject input);

  /** Progress or result of a tool call ({@code tool_update}). */
  void toolUpdate(String toolCallId, String status, JsonObject output);

  boolean isCancelled();

  /** Runs {@code action} when the prompt is cancelled (at once if it already is). */
  void onCancel(Runnable action);
}
