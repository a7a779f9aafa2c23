package io.lockstep.presence.boundary;

import io.lockstep.presence.control.UsagePool;
import io.lockstep.presence.entity.UsageReport;
import io.lockstep.realtime.control.FrameHandler;
import io.lockstep.realtime.control.Inbound;
import io.lockstep.realtime.entity.NoFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code usage {model}}: this connection uses the model; report again to keep the entry. */
@ApplicationScoped
public class UsageHandler implements FrameHandler<UsageReport> {

  @Inject UsagePool pool;

  @Override
  public String type() {
    return "usage";
  }

  @Override
  public Class<UsageReport> payloadType() {
    return UsageReport.class;
  }

  @Override
  public void handle(Inbound<UsageReport> frame) {
    pool.record(
        frame.payload().model(),
        frame.connection().id(),
        frame.caller().id(),
        System.currentTimeMillis());
    frame.reply("usage:ack", new NoFields());
  }
}
