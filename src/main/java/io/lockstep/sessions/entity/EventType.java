package io.lockstep.sessions.entity;

/** The types of a session's events; see protocol.md, "Agent sessions". */
public final class EventType {

  public static final String USER_PROMPT = "user_prompt";
  public static final String AGENT_MESSAGE = "agent_message";
  public static final String AGENT_THOUGHT = "agent_thought";
  public static final String TOOL_CALL = "tool_call";
  public static final String TOOL_UPDATE = "tool_update";
  public static final String PROMPT_COMPLETE = "prompt_complete";

  private EventType() {}
}
