package io.lockstep.system.boundary;

import io.lockstep.system.entity.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON error answer every REST error mapper gives: {@code {code, message}}. */
public final class ApiErrors {

  private ApiErrors() {}

  public static Response response(Response.Status status, String code, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(new ApiError(code, message))
        .build();
  }
}
