package io.lockstep.notes.boundary;

import io.lockstep.notes.control.InvalidNoteException;
import io.lockstep.notes.control.NoteForbiddenException;
import io.lockstep.notes.control.NoteNotFoundException;
import io.lockstep.system.boundary.ApiErrors;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Note errors on REST: unknown or unreadable 404, read-only 403, invalid 400. */
public final class NoteErrors {

  private NoteErrors() {}

  @Provider
  public static class NotFound implements ExceptionMapper<NoteNotFoundException> {
    @Override
    public Response toResponse(NoteNotFoundException e) {
      return ApiErrors.response(Response.Status.NOT_FOUND, "not_found", e.getMessage());
    }
  }

  @Provider
  public static class Forbidden implements ExceptionMapper<NoteForbiddenException> {
    @Override
    public Response toResponse(NoteForbiddenException e) {
      return ApiErrors.response(Response.Status.FORBIDDEN, "forbidden", e.getMessage());
    }
  }

  @Provider
  public static class Invalid implements ExceptionMapper<InvalidNoteException> {
    @Override
    public Response toResponse(InvalidNoteException e) {
      return ApiErrors.response(Response.Status.BAD_REQUEST, "bad_request", e.getMessage());
    }
  }
}
