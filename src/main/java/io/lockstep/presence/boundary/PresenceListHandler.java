package io.lockstep.presence.boundary;

import io.lockstep.presence.entity.OnlineUser;
import io.lockstep.presence.entity.PresenceList;
import io.lockstep.realtime.control.FrameHandler;
import io.lockstep.realtime.control.Inbound;
import io.lockstep.realtime.control.SessionPool;
import io.lockstep.realtime.entity.NoFields;
import io.lockstep.realtime.entity.SessionEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code presence:list}: the users online on any node, each once. */
@ApplicationScoped
public class PresenceListHandler implements FrameHandler<NoFields> {

  @Inject SessionPool sessions;

  @Override
  public String type() {
    return "presence:list";
  }

  @Override
  public Class<NoFields> payloadType() {
    return NoFields.class;
  }

  @Override
  public void handle(Inbound<NoFields> frame) {
    Map<String, OnlineUser> online = new LinkedHashMap<>();
    for (SessionEntry entry : sessions.all()) {
      online.putIfAbsent(entry.userId(), new OnlineUser(entry.userId(), entry.userName()));
    }
    frame.reply(
        "presence:list",
        new PresenceList(
            online.values().stream()
                .sorted(Comparator.comparing(OnlineUser::name).thenComparing(OnlineUser::id))
                .toList()));
  }
}
