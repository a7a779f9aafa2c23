package io.lockstep.sessions.boundary;

import io.lockstep.realtime.control.Frames;
import io.lockstep.realtime.control.RoomFanout;
import io.lockstep.sessions.control.ModelCatalog;
import io.lockstep.sessions.entity.ModelList;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.logging.Logger;

/** The admin's refresh of the model list, which tells every connected user. */
@Path("admin/models")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminModelsResource {

  private static final Logger LOG = Logger.getLogger(AdminModelsResource.class.getName());

  @Inject ModelCatalog catalog;
  @Inject RoomFanout fanout;

  /** Re-reads the configuration and sends {@code models:updated} to every connected user. */
  @POST
  @Path("refresh")
  public ModelList refresh() {
    ModelList models = catalog.models();
    fanout.broadcast(Frames.event("models:updated", models));
    LOG.info(() -> "Models refreshed: " + models.models().size() + " on offer");
    return models;
  }
}
