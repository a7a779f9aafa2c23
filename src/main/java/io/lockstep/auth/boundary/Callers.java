package io.lockstep.auth.boundary;

import io.lockstep.auth.entity.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of a REST request, read from the token that MicroProfile JWT verified. */
public final class Callers {

  private Callers() {}

  public static Caller from(JsonWebToken token) {
    return Caller.fromClaims(
        token.getSubject(),
        token.getClaim("name"),
        token.getClaim("preferred_username"),
        token.getClaim("upn"),
        token.getClaim("email"),
        token.getGroups());
  }
}
