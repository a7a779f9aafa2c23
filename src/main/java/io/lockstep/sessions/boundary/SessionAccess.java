package io.lockstep.sessions.boundary;

import io.lockstep.auth.entity.Caller;
import io.lockstep.realtime.control.FrameException;
import io.lockstep.realtime.entity.ErrorCode;
import io.lockstep.sessions.control.AgentSessions;
import io.lockstep.sessions.control.SessionNotFoundException;
import io.lockstep.sessions.entity.SessionState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Session access on /ws: a session the caller may not see is {@code not_found}, like a missing one.
 */
@ApplicationScoped
public class SessionAccess {

  @Inject AgentSessions sessions;

  SessionState state(Caller caller, String id) throws FrameException {
    try {
      return sessions.state(caller, id);
    } catch (SessionNotFoundException e) {
      throw new FrameException(ErrorCode.NOT_FOUND, e.getMessage());
    }
  }

  Optional<SessionState> current(String id) {
    return sessions.current(id);
  }
}
