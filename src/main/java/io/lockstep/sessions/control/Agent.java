package io.lockstep.sessions.control;

/**
 * The agent SPI: given a session's history and a prompt, stream the answer into the sink and
 * return. An adapter is a CDI bean that implements this; models name their adapter ({@code
 * lockstep.models}, entries {@code adapter:model}). An adapter must stop soon after {@link
 * AgentSink#isCancelled()} turns true; it may register what interrupts its waiting with {@link
 * AgentSink#onCancel(Runnable)}. It must not rely on thread interruption.
 */
public interface Agent {

  /** The adapter's name, as models refer to it: {@code echo}, {@code openai}. */
  String adapter();

  void answer(AgentRequest request, AgentSink sink) throws AgentException;
}
