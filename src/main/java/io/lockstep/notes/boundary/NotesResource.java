package io.lockstep.notes.boundary;

import io.lockstep.auth.boundary.Callers;
import io.lockstep.auth.control.SignIns;
import io.lockstep.auth.entity.Caller;
import io.lockstep.notes.control.InvalidNoteException;
import io.lockstep.notes.control.NoteRooms;
import io.lockstep.notes.control.Notes;
import io.lockstep.notes.control.UpdateTooLargeException;
import io.lockstep.notes.entity.NoteAccess;
import io.lockstep.notes.entity.NoteInput;
import io.lockstep.notes.entity.NotePage;
import io.lockstep.notes.entity.NoteRecord;
import io.lockstep.system.boundary.Paging;
import io.lockstep.system.control.JsonMapping;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
 * Notes over REST: list (what the caller may read, newest first, {@code ?q=} searches title and
 * content), create, get, rename, share, delete. The document itself travels over /ws. A note the
 * caller may not read answers 404; one it may read but not change this way answers 403.
 */
@Path("notes")
@RequestScoped
@RolesAllowed({"user", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotesResource {

  @Inject JsonWebToken token;
  @Inject SignIns signIns;
  @Inject Notes notes;
  @Inject NoteRooms noteRooms;

  @GET
  public NotePage list(
      @QueryParam("q") @Size(max = 200, message = "q must be at most 200 characters") String query,
      @Valid @BeanParam Paging paging) {
    return notes.list(caller(), query, paging.page(), paging.size());
  }

  @POST
  public Response create(@Valid NoteInput input, @Context UriInfo uri) {
    NoteRecord note = notes.create(caller(), input);
    return Response.created(uri.getAbsolutePathBuilder().path(note.id()).build())
        .entity(note)
        .build();
  }

  @GET
  @Path("{id}")
  public NoteRecord get(@PathParam("id") String id) {
    return notes.get(caller(), id);
  }

  @PATCH
  @Path("{id}")
  public NoteRecord rename(
      @PathParam("id") String id, @Valid @NotNull(message = "a body is required") NoteInput input) {
    if (input.title() == null) {
      throw new InvalidNoteException("title is required");
    }
    return notes.rename(caller(), id, input.title());
  }

  /** Replaces who may read and write the note. */
  @PUT
  @Path("{id}/access")
  public NoteRecord share(
      @PathParam("id") String id,
      @Valid @NotNull(message = "a body is required") NoteAccess access) {
    return notes.share(caller(), id, access);
  }

  /** The whole document as one Yjs update (v1), for backups and server-side tools. */
  @GET
  @Path("{id}/document")
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  public byte[] document(@PathParam("id") String id) {
    notes.permission(caller(), id);
    return noteRooms.state(id);
  }

  /**
   * Adds a Yjs update (v1) to the document, as an editor would (write access): stored, then sent to
   * every member. For server-side tools, such as an agent that writes into a note.
   */
  @POST
  @Path("{id}/updates")
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  public JsonObject update(@PathParam("id") String id, byte[] update) {
    if (update == null || update.length == 0) {
      throw new InvalidNoteException("the body must be a Yjs update");
    }
    try {
      long seq = noteRooms.store(caller(), id, update, null, null);
      return JsonMapping.JSON.createObjectBuilder().add("document_id", id).add("seq", seq).build();
    } catch (UpdateTooLargeException e) {
      throw new InvalidNoteException(e.getMessage());
    }
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    notes.delete(caller(), id);
    return Response.noContent().build();
  }

  private Caller caller() {
    Caller caller = Callers.from(token);
    signIns.signIn(caller);
    return caller;
  }
}
