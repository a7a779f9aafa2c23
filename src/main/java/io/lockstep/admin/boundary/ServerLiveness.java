package io.lockstep.admin.boundary;

import io.lockstep.realtime.control.Connections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the application answers; reports the connections it holds. */
@Liveness
@ApplicationScoped
public class ServerLiveness implements HealthCheck {

  @Inject Connections connections;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("lockstep")
        .up()
        .withData("connections", connections.count())
        .build();
  }
}
