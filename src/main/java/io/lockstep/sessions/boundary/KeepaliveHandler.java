package io.lockstep.sessions.boundary;

import io.lockstep.realtime.control.FrameException;
import io.lockstep.realtime.control.FrameHandler;
import io.lockstep.realtime.control.Inbound;
import io.lockstep.sessions.control.SessionLog;
import io.lockstep.sessions.entity.Keepalive;
import io.lockstep.sessions.entity.KeepaliveAck;
import io.lockstep.sessions.entity.SessionState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code keepalive {session_id?, client_time?, last_seen_seq?}} → {@code keepalive_ack} with the
 * server's {@code server_max_seq} and {@code is_prompting}: the client detects a zombie connection
 * when acks stop, and a gap when {@code server_max_seq} is ahead of what it saw. Without {@code
 * session_id}, one ack per observed session (one without session fields if there is none).
 */
@ApplicationScoped
public class KeepaliveHandler implements FrameHandler<Keepalive> {

  private static final String PREFIX = SessionLog.stream("");

  @Inject SessionAccess access;

  @Override
  public String type() {
    return "keepalive";
  }

  @Override
  public Class<Keepalive> payloadType() {
    return Keepalive.class;
  }

  @Override
  public void handle(Inbound<Keepalive> frame) throws FrameException {
    Keepalive keepalive = frame.payload();
    if (keepalive.sessionId() != null) {
      ack(frame, access.state(frame.caller(), keepalive.sessionId()));
      return;
    }
    List<String> observed =
        frame.connection().cursorRooms().stream()
            .filter(room -> room.startsWith(PREFIX))
            .map(room -> room.substring(PREFIX.length()))
            .sorted()
            .toList();
    if (observed.isEmpty()) {
      frame.reply(
          "keepalive_ack",
          new KeepaliveAck(
              null, keepalive.clientTime(), System.currentTimeMillis(), null, null, null));
      return;
    }
    for (String id : observed) {
      access.current(id).ifPresent(state -> ack(frame, state));
    }
  }

  private static void ack(Inbound<Keepalive> frame, SessionState state) {
    frame.reply(
        "keepalive_ack",
        new KeepaliveAck(
            state.id(),
            frame.payload().clientTime(),
            System.currentTimeMillis(),
            state.maxSeq(),
            state.isPrompting(),
            frame.payload().lastSeenSeq()));
  }
}
