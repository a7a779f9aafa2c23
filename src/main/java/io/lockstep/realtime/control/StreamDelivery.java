package io.lockstep.realtime.control;

import io.lockstep.realtime.entity.StreamEventRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/** Sends a stream event to its room once the transaction that stored it has committed. */
@ApplicationScoped
public class StreamDelivery {

  @Inject RoomFanout fanout;

  void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) StreamEventRecorded event) {
    fanout.sendInStream(event.stream(), event.seq(), event.frame());
  }
}
