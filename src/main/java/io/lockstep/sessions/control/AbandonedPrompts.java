package io.lockstep.sessions.control;

import io.lockstep.realtime.control.RoomFanout;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Closes prompts whose node stopped working on them (it died, or was killed) with {@code
 * prompt_complete {status: "interrupted"}}, so the session takes prompts again. Each session is
 * closed under its row lock and only if still abandoned, so every node may run this.
 */
@Singleton
public class AbandonedPrompts {

  private static final Logger LOG = Logger.getLogger(AbandonedPrompts.class.getName());

  @Inject AgentSessions sessions;
  @Inject RoomFanout fanout;

  @Schedule(
      second = "*/10",
      minute = "*",
      hour = "*",
      persistent = false,
      info = "abandoned prompts")
  void closeAbandoned() {
    for (SessionLog.Appended closed : sessions.closeAbandonedPrompts()) {
      LOG.info(() -> "Closed the abandoned prompt of session " + closed.sessionId());
      fanout.sendInStream(
          SessionLog.stream(closed.sessionId()), closed.seq(), closed.liveFrame(null));
    }
  }
}
