package io.lockstep.system.boundary;

import io.lockstep.system.control.DatabaseOutage;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last resort for REST: a failure no other mapper knows. While the database is away it answers
 * 503 {@code unavailable} with {@code Retry-After}; anything else is a bug, logged in full and
 * answered 500 {@code internal} with a JSON body like every other error.
 */
@Provider
public class ServerErrors implements ExceptionMapper<RuntimeException> {

  private static final Logger LOG = Logger.getLogger(ServerErrors.class.getName());
  static final int RETRY_AFTER_SECONDS = 5;

  @Inject DatabaseOutage outage;

  @Override
  public Response toResponse(RuntimeException e) {
    if (outage.explains(e)) {
      LOG.warning(() -> "A request failed while the database is away: " + e);
      return Response.fromResponse(
              ApiErrors.response(
                  Response.Status.SERVICE_UNAVAILABLE,
                  "unavailable",
                  "the database is unavailable; try again shortly"))
          .header("Retry-After", RETRY_AFTER_SECONDS)
          .build();
    }
    LOG.log(Level.SEVERE, "A request failed", e);
    return ApiErrors.response(
        Response.Status.INTERNAL_SERVER_ERROR,
        "internal",
        "the server could not handle the request");
  }
}
