package io.lockstep.sessions.boundary;

import io.lockstep.cluster.control.Cluster;
import io.lockstep.realtime.control.Connection;
import io.lockstep.realtime.control.FrameException;
import io.lockstep.realtime.control.FrameHandler;
import io.lockstep.realtime.control.Inbound;
import io.lockstep.realtime.control.RoomFanout;
import io.lockstep.realtime.control.StreamCursor;
import io.lockstep.realtime.entity.ErrorCode;
import io.lockstep.sessions.control.AcceptedPrompt;
import io.lockstep.sessions.control.AgentSessions;
import io.lockstep.sessions.control.PromptRuns;
import io.lockstep.sessions.control.SessionConflictException;
import io.lockstep.sessions.control.SessionLog;
import io.lockstep.sessions.control.SessionNotFoundException;
import io.lockstep.sessions.entity.PromptAck;
import io.lockstep.sessions.entity.PromptRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code prompt {session_id, prompt_id, text}}: stored as a {@code user_prompt} event, acknowledged
 * with {@code prompt_ack}, sent to every observer ({@code is_mine} on the sender's connection), and
 * answered by the session's agent on this node. A retried {@code prompt_id} is acknowledged again
 * with the same seq and does not run again. A prompt while another runs is refused ({@code
 * conflict}); the client waits for {@code prompt_complete} or sends {@code cancel}.
 */
@ApplicationScoped
public class PromptHandler implements FrameHandler<PromptRequest> {

  @Inject AgentSessions sessions;
  @Inject PromptRuns runs;
  @Inject RoomFanout fanout;
  @Inject Cluster cluster;

  @Override
  public String type() {
    return "prompt";
  }

  @Override
  public Class<PromptRequest> payloadType() {
    return PromptRequest.class;
  }

  @Override
  public void handle(Inbound<PromptRequest> frame) throws FrameException {
    PromptRequest request = frame.payload();
    AcceptedPrompt accepted;
    try {
      accepted = sessions.acceptPrompt(frame.caller(), request, cluster.nodeName());
    } catch (SessionNotFoundException e) {
      throw new FrameException(ErrorCode.NOT_FOUND, e.getMessage());
    } catch (SessionConflictException e) {
      throw new FrameException(ErrorCode.CONFLICT, e.getMessage());
    }
    frame.reply(
        "prompt_ack",
        new PromptAck(
            request.sessionId(), request.promptId(), accepted.seq(), accepted.duplicate()));
    if (accepted.duplicate()) {
      return;
    }
    String room = SessionLog.stream(request.sessionId());
    for (SessionLog.Appended recovered : accepted.recovered()) {
      fanout.sendInStream(room, recovered.seq(), recovered.liveFrame(null));
    }
    Connection sender = frame.connection();
    SessionLog.Appended prompt = accepted.event();
    fanout.sendInStreamExcept(room, prompt.seq(), prompt.liveFrame(false), sender.id());
    StreamCursor cursor = sender.cursor(room);
    if (cursor != null && cursor.admitLive(prompt.seq(), false)) {
      sender.send(prompt.liveFrame(true));
    }
    runs.start(accepted);
  }
}
