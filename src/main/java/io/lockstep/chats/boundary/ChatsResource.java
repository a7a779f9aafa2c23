package io.lockstep.chats.boundary;

import io.lockstep.auth.boundary.Callers;
import io.lockstep.auth.control.SignIns;
import io.lockstep.chats.control.Chats;
import io.lockstep.chats.entity.ChatInput;
import io.lockstep.chats.entity.ChatPage;
import io.lockstep.chats.entity.ChatRecord;
import io.lockstep.chats.entity.ChatSummary;
import io.lockstep.system.boundary.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
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
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller's own chats. Another user's chat answers 404, exactly like one that does not exist.
 */
@Path("chats")
@RequestScoped
@RolesAllowed({"user", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChatsResource {

  @Inject JsonWebToken token;
  @Inject SignIns signIns;
  @Inject Chats chats;

  @GET
  public ChatPage list(
      @QueryParam("archived") @DefaultValue("false") boolean archived,
      @QueryParam("pinned") Boolean pinned,
      @Valid @BeanParam Paging paging) {
    return chats.list(caller(), archived, pinned, paging.page(), paging.size());
  }

  @GET
  @Path("{id}")
  public ChatRecord get(@PathParam("id") String id) {
    return chats.get(caller(), id);
  }

  @POST
  public Response create(
      @Valid @NotNull(message = "a JSON body is required") ChatInput input, @Context UriInfo uri) {
    ChatRecord chat = chats.create(caller(), input);
    return Response.created(uri.getAbsolutePathBuilder().path(chat.id()).build())
        .entity(chat)
        .build();
  }

  @PATCH
  @Path("{id}")
  public ChatRecord update(
      @PathParam("id") String id,
      @Valid @NotNull(message = "a JSON body is required") ChatInput input) {
    return chats.update(caller(), id, input);
  }

  @POST
  @Path("{id}/pin")
  public ChatSummary pin(@PathParam("id") String id) {
    return chats.pin(caller(), id, true);
  }

  @POST
  @Path("{id}/unpin")
  public ChatSummary unpin(@PathParam("id") String id) {
    return chats.pin(caller(), id, false);
  }

  @POST
  @Path("{id}/archive")
  public ChatSummary archive(@PathParam("id") String id) {
    return chats.archive(caller(), id, true);
  }

  @POST
  @Path("{id}/unarchive")
  public ChatSummary unarchive(@PathParam("id") String id) {
    return chats.archive(caller(), id, false);
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    chats.delete(caller(), id);
    return Response.noContent().build();
  }

  private String caller() {
    return signIns.signIn(Callers.from(token)).id();
  }
}
