package io.lockstep.system.boundary;

import io.lockstep.system.control.DatabaseOutage;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last resort for REST: failures no other mapper knows. While the database is away they answer
 * 503 {@code unavailable} with {@code Retry-After}; anything else is a bug, logged in full and
 * answered 500 {@code internal} with a JSON body like every other error.
 */
public final class ServerErrors {

  private static final Logger LOG = Logger.getLogger(ServerErrors.class.getName());
  static final int RETRY_AFTER_SECONDS = 5;

  private ServerErrors() {}

  static Response answer(Exception e, DatabaseOutage outage) {
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

  @Provider
  public static class Unexpected implements ExceptionMapper<RuntimeException> {
    @Inject DatabaseOutage outage;

    @Override
    public Response toResponse(RuntimeException e) {
      return answer(e, outage);
    }
  }

  /**
   * A transaction that could not begin or end: the usual face of a lost database. Jersey has a
   * mapper of its own for this type that rethrows, which ends in the container's HTML error page.
   */
  @Provider
  public static class Transactions implements ExceptionMapper<TransactionalException> {
    @Inject DatabaseOutage outage;

    @Override
    public Response toResponse(TransactionalException e) {
      return answer(e, outage);
    }
  }

  /**
   * A commit that failed, as WildFly's transaction interceptor throws it (Payara wraps it in a
   * {@link TransactionalException}): without this mapper RESTEasy answers 500 with the transaction
   * manager's message as plain text.
   */
  @Provider
  public static class FailedCommits implements ExceptionMapper<RollbackException> {
    @Inject DatabaseOutage outage;

    @Override
    public Response toResponse(RollbackException e) {
      return answer(e, outage);
    }
  }
}
