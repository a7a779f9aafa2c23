package io.lockstep.sessions.boundary;

import io.lockstep.realtime.control.FrameException;
import io.lockstep.realtime.control.FrameHandler;
import io.lockstep.realtime.control.Inbound;
import io.lockstep.realtime.control.Rooms;
import io.lockstep.sessions.control.SessionLog;
import io.lockstep.sessions.entity.SessionRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code session:unsubscribe {session_id}}: stop observing; idempotent, access checked. */
@ApplicationScoped
public class UnsubscribeHandler implements FrameHandler<SessionRef> {

  @Inject Rooms rooms;
  @Inject SessionAccess access;

  @Override
  public String type() {
    return "session:unsubscribe";
  }

  @Override
  public Class<SessionRef> payloadType() {
    return SessionRef.class;
  }

  @Override
  public void handle(Inbound<SessionRef> frame) throws FrameException {
    access.state(frame.caller(), frame.payload().sessionId());
    rooms.leave(SessionLog.stream(frame.payload().sessionId()), frame.connection());
    frame.reply("session:unsubscribed", frame.payload());
  }
}
