package io.lockstep.auth.boundary;

import io.lockstep.auth.control.UserDirectory;
import io.lockstep.system.boundary.ApiErrors;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What MicroProfile JWT leaves out on REST, checked before any role check (401): a token that is
 * not valid yet ({@code nbf}, Payara ignores it; the WebSocket verifier does not), and a valid
 * token of a deleted user (the identity provider may keep issuing them for a while, and MP-JWT
 * knows nothing of Lockstep's users; the WebSocket endpoints refuse those at sign-in).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenChecks implements ContainerRequestFilter {

  @Inject UserDirectory users;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
  int clockSkewSeconds;

  Clock clock = Clock.systemUTC();

  @Override
  public void filter(ContainerRequestContext request) {
    if (!(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token)) {
      return;
    }
    Long notBefore = seconds(token.getClaim("nbf"));
    if (notBefore != null
        && Instant.ofEpochSecond(notBefore)
            .isAfter(clock.instant().plusSeconds(clockSkewSeconds))) {
      refuse(request, "token is not valid yet (nbf)");
    } else if (token.getSubject() != null && users.isDeleted(token.getSubject())) {
      refuse(request, "this user was deleted");
    }
  }

  private static Long seconds(Object claim) {
    if (claim instanceof JsonNumber number) {
      return number.longValue();
    }
    return claim instanceof Number number ? number.longValue() : null;
  }

  private static void refuse(ContainerRequestContext request, String why) {
    Response refused = ApiErrors.response(Response.Status.UNAUTHORIZED, "unauthorized", why);
    request.abortWith(
        Response.fromResponse(refused)
            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
            .build());
  }
}
