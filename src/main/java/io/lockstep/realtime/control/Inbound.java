package io.lockstep.realtime.control;

import io.lockstep.auth.entity.Caller;

/** A decoded, validated frame from a connection, with its optional correlation {@code id}. */
public record Inbound<T>(Connection connection, String id, T payload) {

  public Caller caller() {
    return connection.caller();
  }

  /** Answers the frame: the reply carries {@code reply_to} = this frame's {@code id}. */
  public void reply(String type, Object payload) {
    connection.send(Frames.encode(type, id, payload));
  }
}
