package io.lockstep.chats.boundary;

import io.lockstep.chats.control.Chats;
import io.lockstep.chats.entity.ChatPage;
import io.lockstep.chats.entity.ChatRecord;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Admins read any user's chats here, and only here. Read-only. */
@Path("admin")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminChatsResource {

  @Inject Chats chats;

  @GET
  @Path("users/{userId}/chats")
  public ChatPage chatsOf(
      @PathParam("userId") String userId,
      @QueryParam("archived") @DefaultValue("false") boolean archived,
      @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "page must be 0 or more")
          int page,
      @QueryParam("size")
          @DefaultValue("50")
          @Min(value = 1, message = "size must be at least 1")
          @Max(value = 200, message = "size must be at most 200")
          int size) {
    return chats.list(userId, archived, null, page, size);
  }

  @GET
  @Path("chats/{id}")
  public ChatRecord chat(@PathParam("id") String id) {
    return chats.getAsAdmin(id);
  }
}
