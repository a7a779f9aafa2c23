package io.lockstep.sessions.boundary;

import io.lockstep.realtime.control.FrameException;
import io.lockstep.realtime.control.FrameHandler;
import io.lockstep.realtime.control.Inbound;
import io.lockstep.sessions.control.PromptRuns;
import io.lockstep.sessions.control.RemoteRuns;
import io.lockstep.sessions.entity.CancelAck;
import io.lockstep.sessions.entity.SessionRef;
import io.lockstep.sessions.entity.SessionState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code cancel {session_id}}: stops the running prompt; what it streamed so far is kept, and it
 * ends with {@code prompt_complete {status: "cancelled"}}. {@code cancel_ack} says whether a prompt
 * was running.
 */
@ApplicationScoped
public class CancelHandler implements FrameHandler<SessionRef> {

  @Inject SessionAccess access;
  @Inject PromptRuns runs;
  @Inject RemoteRuns remoteRuns;

  @Override
  public String type() {
    return "cancel";
  }

  @Override
  public Class<SessionRef> payloadType() {
    return SessionRef.class;
  }

  @Override
  public void handle(Inbound<SessionRef> frame) throws FrameException {
    String id = frame.payload().sessionId();
    SessionState state = access.state(frame.caller(), id);
    boolean cancelled = runs.cancel(id) || (state.isPrompting() && remoteRuns.cancel(id));
    frame.reply("cancel_ack", new CancelAck(id, cancelled));
  }
}
