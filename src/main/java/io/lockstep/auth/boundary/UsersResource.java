package io.lockstep.auth.boundary;

import io.lockstep.auth.control.SignIns;
import io.lockstep.auth.entity.UserRecord;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

@Path("users")
@RequestScoped
@RolesAllowed({"user", "admin"})
public class UsersResource {

  @Inject JsonWebToken token;
  @Inject SignIns signIns;

  /** The caller's user record; a first-seen caller is created here. */
  @GET
  @Path("me")
  @Produces(MediaType.APPLICATION_JSON)
  public UserRecord me() {
    return signIns.signIn(Callers.from(token));
  }
}
