package io.lockstep.admin.entity;

import io.lockstep.auth.entity.Caller;

/** Who did an admin action: a signed-in admin, or an operator over JMX. */
public record Actor(String id, String name) {

  public static final Actor JMX = new Actor("jmx", "JMX operator");

  public static Actor of(Caller caller) {
    return new Actor(caller.id(), caller.name());
  }
}
