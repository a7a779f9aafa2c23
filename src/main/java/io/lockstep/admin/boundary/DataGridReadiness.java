package io.lockstep.admin.boundary;

import io.lockstep.cluster.control.Cluster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while this node takes part in the data grid (always, on a single node): a node that lost
 * the grid would deliver room frames to its own connections only.
 */
@Readiness
@ApplicationScoped
public class DataGridReadiness implements HealthCheck {

  @Inject Cluster cluster;

  @Override
  public HealthCheckResponse call() {
    boolean healthy = cluster.isHealthy();
    return HealthCheckResponse.named("data-grid")
        .status(healthy)
        .withData("clustered", cluster.isDistributed())
        .withData("nodes", healthy ? cluster.nodeNames().size() : 0)
        .build();
  }
}
