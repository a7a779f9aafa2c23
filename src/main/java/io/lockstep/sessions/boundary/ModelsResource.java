package io.lockstep.sessions.boundary;

import io.lockstep.sessions.control.ModelCatalog;
import io.lockstep.sessions.entity.ModelList;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The models on offer. */
@Path("models")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

  @Inject ModelCatalog catalog;

  @GET
  @RolesAllowed({"user", "admin"})
  public ModelList models() {
    return catalog.models();
  }
}
