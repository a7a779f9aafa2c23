package io.lockstep.sessions.control;

import io.lockstep.realtime.control.Frames;
import io.lockstep.realtime.control.RoomFanout;
import io.lockstep.sessions.entity.SessionEnded;
import io.lockstep.sessions.entity.SessionGone;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * After a session is deleted or archived: its running prompt stops, and every observer gets {@code
 * session_gone} with the reason and leaves the room; a client stops following it.
 */
@ApplicationScoped
public class SessionEnding {

  @Inject PromptRuns runs;
  @Inject RoomFanout fanout;

  void ended(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionEnded ended) {
    runs.cancel(ended.sessionId());
    fanout.farewell(
        SessionLog.stream(ended.sessionId()),
        Frames.event("session_gone", new SessionGone(ended.sessionId(), ended.reason())));
  }
}
