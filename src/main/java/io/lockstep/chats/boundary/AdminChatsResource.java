package io.lockstep.chats.boundary;

import io.lockstep.chats.control.Chats;
import io.lockstep.chats.entity.ChatPage;
import io.lockstep.chats.entity.ChatRecord;
import io.lockstep.system.boundary.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
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
      @Valid @BeanParam Paging paging) {
    return chats.list(userId, archived, null, paging.page(), paging.size());
  }

  @GET
  @Path("chats/{id}")
  public ChatRecord chat(@PathParam("id") String id) {
    return chats.getAsAdmin(id);
  }
}
