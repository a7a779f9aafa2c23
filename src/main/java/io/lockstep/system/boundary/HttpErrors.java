package io.lockstep.system.boundary;

import io.lockstep.system.entity.ApiError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Gives every REST error a JSON body ({@code code}, {@code message}) instead of an HTML page. */
@Provider
public class HttpErrors implements ExceptionMapper<WebApplicationException> {

  @Context SecurityContext security;

  @Override
  public Response toResponse(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (status == 403 && (security == null || security.getUserPrincipal() == null)) {
      // role checks answer 403 on some servers (RESTEasy) when there was no token at all
      return Response.status(Response.Status.UNAUTHORIZED)
          .header("WWW-Authenticate", "Bearer")
          .type(MediaType.APPLICATION_JSON)
          .entity(new ApiError(ApiError.codeFor(401), "a bearer token is required"))
          .build();
    }
    String message =
        e.getMessage() == null ? Response.Status.fromStatusCode(status).toString() : e.getMessage();
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(new ApiError(ApiError.codeFor(status), message))
        .build();
  }
}
