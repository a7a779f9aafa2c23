package io.lockstep.system.boundary;

import io.lockstep.system.entity.ApiError;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A request body that is not the JSON the resource expects is the caller's error: 400. */
@Provider
public class MalformedBodies implements ExceptionMapper<ProcessingException> {

  private static final Logger LOG = Logger.getLogger(MalformedBodies.class.getName());

  @Override
  public Response toResponse(ProcessingException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonParsingException || cause instanceof JsonbException) {
        return Response.status(Response.Status.BAD_REQUEST)
            .type(MediaType.APPLICATION_JSON)
            .entity(new ApiError("bad_request", "malformed JSON body: " + rootMessage(cause)))
            .build();
      }
    }
    LOG.log(Level.SEVERE, "REST request failed", e);
    return Response.serverError()
        .type(MediaType.APPLICATION_JSON)
        .entity(new ApiError("internal", "the server could not handle the request"))
        .build();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    return message.length() > 200 ? message.substring(0, 200) : message;
  }
}
