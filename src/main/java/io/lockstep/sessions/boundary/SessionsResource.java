package io.lockstep.sessions.boundary;

import io.lockstep.auth.boundary.Callers;
import io.lockstep.auth.control.SignIns;
import io.lockstep.auth.entity.Caller;
import io.lockstep.realtime.entity.StreamEvent;
import io.lockstep.sessions.control.AgentSessions;
import io.lockstep.sessions.control.InvalidSessionException;
import io.lockstep.sessions.entity.SessionInput;
import io.lockstep.sessions.entity.SessionPage;
import io.lockstep.sessions.entity.SessionRecord;
import io.lockstep.system.boundary.Paging;
import io.lockstep.system.control.JsonMapping;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Agent sessions over REST: create, list (the caller's, newest first), get, rename, archive,
 * delete. Events and prompts travel over /ws. A session the caller may not see answers 404.
 */
@Path("sessions")
@RequestScoped
@RolesAllowed({"user", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionsResource {

  @Inject JsonWebToken token;
  @Inject SignIns signIns;
  @Inject AgentSessions sessions;

  @GET
  public SessionPage list(
      @QueryParam("archived") @DefaultValue("false") boolean archived,
      @Valid @BeanParam Paging paging) {
    return sessions.list(caller().id(), archived, paging.page(), paging.size());
  }

  @POST
  public Response create(@Valid SessionInput input, @Context UriInfo uri) {
    SessionRecord session =
        sessions.create(caller().id(), input == null ? new SessionInput(null, null) : input);
    return Response.created(uri.getAbsolutePathBuilder().path(session.id()).build())
        .entity(session)
        .build();
  }

  @GET
  @Path("{id}")
  public SessionRecord get(@PathParam("id") String id) {
    return sessions.get(caller(), id);
  }

  /**
   * The stored events after {@code after_seq}, as the database holds them (an event that is still
   * streaming shows the text stored so far, marked {@code partial}). Clients follow a session over
   * /ws; this is for export and inspection.
   */
  @GET
  @Path("{id}/events")
  public JsonObject events(
      @PathParam("id") String id,
      @QueryParam("after_seq")
          @DefaultValue("0")
          @Min(value = 0, message = "after_seq must be 0 or more")
          long afterSeq,
      @QueryParam("limit")
          @DefaultValue("100")
          @Min(value = 1, message = "limit must be at least 1")
          @Max(value = 500, message = "limit must be at most 500")
          int limit) {
    var events = JsonMapping.JSON.createArrayBuilder();
    for (StreamEvent event : sessions.storedEvents(caller(), id, afterSeq, limit)) {
      try (var reader = JsonMapping.JSON.createReader(new StringReader(event.payload()))) {
        events.add(reader.readObject());
      }
    }
    return JsonMapping.JSON
        .createObjectBuilder()
        .add("session_id", id)
        .add("max_seq", sessions.get(caller(), id).maxSeq())
        .add("events", events)
        .build();
  }

  @PATCH
  @Path("{id}")
  public SessionRecord rename(
      @PathParam("id") String id,
      @Valid @NotNull(message = "a JSON body is required") SessionInput input) {
    if (input.title() == null) {
      throw new InvalidSessionException("title is required");
    }
    if (input.model() != null) {
      throw new InvalidSessionException("the model of a session cannot change");
    }
    return sessions.rename(caller(), id, input.title());
  }

  @POST
  @Path("{id}/archive")
  public SessionRecord archive(@PathParam("id") String id) {
    return sessions.archive(caller(), id, true);
  }

  @POST
  @Path("{id}/unarchive")
  public SessionRecord unarchive(@PathParam("id") String id) {
    return sessions.archive(caller(), id, false);
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    sessions.delete(caller(), id);
    return Response.noContent().build();
  }

  private Caller caller() {
    Caller caller = Callers.from(token);
    signIns.signIn(caller);
    return caller;
  }
}
