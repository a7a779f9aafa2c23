package io.lockstep.system.boundary;

import io.lockstep.system.control.Deployment;
import io.lockstep.system.entity.VersionRecord;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("version")
@RequestScoped
@PermitAll
public class VersionResource {

  @Inject Deployment deployment;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public VersionRecord version() {
    return new VersionRecord(deployment.version(), deployment.id());
  }
}
