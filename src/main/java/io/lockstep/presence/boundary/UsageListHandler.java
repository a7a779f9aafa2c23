package io.lockstep.presence.boundary;

import io.lockstep.presence.control.UsagePool;
import io.lockstep.presence.entity.UsageList;
import io.lockstep.realtime.control.FrameHandler;
import io.lockstep.realtime.control.Inbound;
import io.lockstep.realtime.entity.NoFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code usage:list}: the models in use and by how many connections. */
@ApplicationScoped
public class UsageListHandler implements FrameHandler<NoFields> {

  @Inject UsagePool pool;

  @Override
  public String type() {
    return "usage:list";
  }

  @Override
  public Class<NoFields> payloadType() {
    return NoFields.class;
  }

  @Override
  public void handle(Inbound<NoFields> frame) {
    frame.reply("usage:list", new UsageList(pool.inUse()));
  }
}
