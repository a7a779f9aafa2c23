package io.lockstep.presence.boundary;

import io.lockstep.auth.control.UserDirectory;
import io.lockstep.presence.entity.HeartbeatAck;
import io.lockstep.realtime.control.FrameException;
import io.lockstep.realtime.control.FrameHandler;
import io.lockstep.realtime.control.Inbound;
import io.lockstep.realtime.entity.ErrorCode;
import io.lockstep.realtime.entity.NoFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code heartbeat {}}: the user is active now ({@code last_active_at}). */
@ApplicationScoped
public class HeartbeatHandler implements FrameHandler<NoFields> {

  @Inject UserDirectory users;

  @Override
  public String type() {
    return "heartbeat";
  }

  @Override
  public Class<NoFields> payloadType() {
    return NoFields.class;
  }

  @Override
  public void handle(Inbound<NoFields> frame) throws FrameException {
    var user =
        users
            .markActive(frame.caller().id())
            .orElseThrow(() -> new FrameException(ErrorCode.NOT_FOUND, "user no longer exists"));
    frame.reply("heartbeat:ack", new HeartbeatAck(user.lastActiveAt()));
  }
}
