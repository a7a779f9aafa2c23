package io.lockstep.auth.boundary;

import io.lockstep.auth.control.DevTokenIssuer;
import io.lockstep.auth.entity.DevToken;
import io.lockstep.auth.entity.DevTokenRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The development sign-in of the embedded default. When it is off (production) this path answers
 * 404 exactly like a path that does not exist.
 */
@Path("auth/dev-token")
@RequestScoped
@PermitAll
public class DevTokenResource {

  @Inject DevTokenIssuer issuer;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public DevToken issue(
      @Valid @NotNull(message = "a JSON body is required") DevTokenRequest request) {
    return issuer
        .issue(request.username(), request.admin())
        .map(DevToken::new)
        .orElseThrow(NotFoundException::new);
  }
}
