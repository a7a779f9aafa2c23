package io.lockstep.sessions.boundary;

import io.lockstep.realtime.control.Connection;
import io.lockstep.realtime.control.FrameException;
import io.lockstep.realtime.control.FrameHandler;
import io.lockstep.realtime.control.Inbound;
import io.lockstep.realtime.control.Rooms;
import io.lockstep.realtime.control.StreamCursor;
import io.lockstep.realtime.entity.ErrorCode;
import io.lockstep.sessions.control.PromptRuns;
import io.lockstep.sessions.control.RemoteRuns;
import io.lockstep.sessions.control.SessionLog;
import io.lockstep.sessions.entity.SessionGone;
import io.lockstep.sessions.entity.SessionRef;
import io.lockstep.sessions.entity.SessionState;
import io.lockstep.sessions.entity.SessionSubscribed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code session:subscribe {session_id}}: the connection observes the session live. If the agent is
 * streaming, the text buffered so far follows at once (peek), so a page refreshed mid-answer shows
 * the whole answer.
 */
@ApplicationScoped
public class SubscribeHandler implements FrameHandler<SessionRef> {

  @Inject SessionAccess access;
  @Inject PromptRuns runs;
  @Inject RemoteRuns remoteRuns;
  @Inject Rooms rooms;

  @Inject
  @ConfigProperty(name = "lockstep.sessions.max-subscriptions-per-connection", defaultValue = "50")
  int maxSubscriptions;

  @Override
  public String type() {
    return "session:subscribe";
  }

  @Override
  public Class<SessionRef> payloadType() {
    return SessionRef.class;
  }

  @Override
  public void handle(Inbound<SessionRef> frame) throws FrameException {
    String id = frame.payload().sessionId();
    Connection connection = frame.connection();
    String room = SessionLog.stream(id);
    SessionState known = access.state(frame.caller(), id);
    if (known.archived()) {
      frame.reply("session_gone", new SessionGone(id, "archived"));
      return;
    }
    if (connection.cursor(room) == null && connection.cursorRooms().size() >= maxSubscriptions) {
      throw new FrameException(
          ErrorCode.CONFLICT,
          "a connection may observe at most " + maxSubscriptions + " sessions at once");
    }
    boolean streamsElsewhere =
        runs.underStreamLock(
            id,
            streaming -> {
              StreamCursor cursor = connection.openCursor(room);
              rooms.join(room, connection);
              SessionState state = access.current(id).orElse(known);
              frame.reply(
                  "session:subscribed",
                  new SessionSubscribed(id, state.maxSeq(), state.isPrompting()));
              streaming.ifPresent(
                  text -> {
                    if (cursor.admitLive(text.seq(), false)) {
                      connection.send(text.peekFrame());
                    }
                  });
              return streaming.isEmpty() && state.isPrompting();
            });
    if (streamsElsewhere) {
      remoteRuns.peek(id); // the prompt runs on another node: its buffer follows from there
    }
  }
}
