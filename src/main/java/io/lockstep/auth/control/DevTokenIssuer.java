package io.lockstep.auth.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Issues development tokens that look like an identity provider's: RS256, with jti and groups. */
@ApplicationScoped
public class DevTokenIssuer {

  @Inject
  @ConfigProperty(name = "lockstep.auth.dev.token-lifetime-seconds", defaultValue = "43200")
  long lifetimeSeconds;

  Clock clock = Clock.systemUTC();

  public boolean isActive() {
    return DevSignIn.activeKey().isPresent();
  }

  public Optional<String> issue(String username, boolean admin) {
    return DevSignIn.activeKey().map(key -> sign(key, username, admin));
  }

  private String sign(RSAKey key, String username, boolean admin) {
    Instant now = clock.instant();
    List<String> groups = new ArrayList<>(List.of("user"));
    if (admin) {
      groups.add("admin");
    }
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(DevSignIn.ISSUER)
            .subject(username)
            .claim("upn", username)
            .claim("preferred_username", username)
            .claim("name", username)
            .claim("groups", groups)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(lifetimeSeconds)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    var header =
        new JWSHeader.Builder(JWSAlgorithm.RS256)
            .type(JOSEObjectType.JWT)
            .keyID(key.getKeyID())
            .build();
    var jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot sign a development token", e);
    }
    return jwt.serialize();
  }
}
