package io.lockstep.admin.boundary;

import java.util.Map;

/** {@code io.lockstep:type=Usage}: models in use, and the usage sweep on demand. */
public interface UsageMXBean {

  /** Connections using each model, on every node. */
  Map<String, Integer> getModelsInUse();

  /** Agent prompts running now on every node. */
  int getPromptsRunning();

  /** Removes stale usage entries now; returns the audit outcome. */
  String sweep();
}
