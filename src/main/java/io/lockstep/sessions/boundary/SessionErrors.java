package io.lockstep.sessions.boundary;

import io.lockstep.sessions.control.InvalidSessionException;
import io.lockstep.sessions.control.SessionConflictException;
import io.lockstep.sessions.control.SessionNotFoundException;
import io.lockstep.system.boundary.ApiErrors;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Session errors on REST: unknown or foreign 404, invalid 400, not now 409. */
public final class SessionErrors {

  private SessionErrors() {}

  @Provider
  public static class NotFound implements ExceptionMapper<SessionNotFoundException> {
    @Override
    public Response toResponse(SessionNotFoundException e) {
      return ApiErrors.response(Response.Status.NOT_FOUND, "not_found", e.getMessage());
    }
  }

  @Provider
  public static class Invalid implements ExceptionMapper<InvalidSessionException> {
    @Override
    public Response toResponse(InvalidSessionException e) {
      return ApiErrors.response(Response.Status.BAD_REQUEST, "bad_request", e.getMessage());
    }
  }

  @Provider
  public static class Conflict implements ExceptionMapper<SessionConflictException> {
    @Override
    public Response toResponse(SessionConflictException e) {
      return ApiErrors.response(Response.Status.CONFLICT, "conflict", e.getMessage());
    }
  }
}
