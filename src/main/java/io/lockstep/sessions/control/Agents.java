package io.lockstep.sessions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;

/** The agent adapters this deployment has, by name. */
@ApplicationScoped
public class Agents {

  @Inject @Any Instance<Agent> adapters;

  public Optional<Agent> forAdapter(String name) {
    return adapters.stream().filter(agent -> agent.adapter().equals(name)).findFirst();
  }
}
