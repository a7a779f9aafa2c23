package io.lockstep.realtime.boundary;

import io.lockstep.metrics.control.Meters;
import io.lockstep.realtime.control.FrameHandler;
import io.lockstep.realtime.control.Frames;
import io.lockstep.realtime.control.Inbound;
import io.lockstep.realtime.control.UserEvents;
import io.lockstep.realtime.entity.StreamEvent;
import io.lockstep.realtime.entity.UserSync;
import io.lockstep.realtime.entity.UserSyncResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code user:sync {after_seq}}: replays the user-room events this client missed while it was away,
 * up to the point where this connection joined (later ones arrive live), each exactly once. See
 * protocol.md, "Catching up".
 */
@ApplicationScoped
public class UserSyncHandler implements FrameHandler<UserSync> {

  static final int DEFAULT_LIMIT = 500;

  @Inject Meters meters;
  @Inject UserEvents events;

  @Override
  public String type() {
    return "user:sync";
  }

  @Override
  public Class<UserSync> payloadType() {
    return UserSync.class;
  }

  @Override
  public void handle(Inbound<UserSync> frame) {
    String userId = frame.caller().id();
    long after = frame.payload().afterSeq();
    long joinedAt = frame.connection().userStreamStart();
    int limit = frame.payload().limit() == null ? DEFAULT_LIMIT : frame.payload().limit();
    if (after >= joinedAt) {
      boolean unknownFuture = after > joinedAt;
      reply(frame, new UserSyncResult(joinedAt, false, unknownFuture), List.of());
      return;
    }
    Long firstKept = events.firstKeptSeq(userId);
    if (firstKept == null || after + 1 < firstKept) {
      reply(frame, new UserSyncResult(joinedAt, false, true), List.of());
      return;
    }
    List<StreamEvent> missed = events.between(userId, after, joinedAt, limit);
    long last = missed.isEmpty() ? after : missed.get(missed.size() - 1).seq();
    reply(
        frame,
        new UserSyncResult(last, last < joinedAt, false),
        missed.stream().map(StreamEvent::payload).toList());
  }

  private void reply(Inbound<UserSync> frame, UserSyncResult result, List<String> events) {
    frame.connection().send(Frames.withEvents("user:sync", frame.id(), result, events));
    meters.replayed(events.size());
  }
}
