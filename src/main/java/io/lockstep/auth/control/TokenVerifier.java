package io.lockstep.auth.control;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.lockstep.auth.control.VerificationKeys.InvalidKeyConfigurationException;
import io.lockstep.auth.entity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * Verifies a bearer token the way MicroProfile JWT does on REST, from the same standard {@code
 * mp.jwt.verify.*} keys: signature, algorithm, issuer, audience, expiry and age, and the claims
 * Payara requires ({@code sub}, {@code exp}, {@code iat}, {@code jti}). WebSocket connections use
 * it, because a browser cannot send a header on a WebSocket handshake.
 */
@ApplicationScoped
public class TokenVerifier {

  private static final Logger LOG = Logger.getLogger(TokenVerifier.class.getName());
  private static final Set<String> REQUIRED_CLAIMS = Set.of("sub", "exp", "iat", "jti");

  @Inject Config config;

  Clock clock = Clock.systemUTC();
  private volatile DefaultJWTProcessor<SecurityContext> processor;
  private volatile Optional<Long> maxTokenAgeSeconds = Optional.empty();

  public Caller verify(String token) throws InvalidTokenException {
    if (token == null || token.isBlank()) {
      throw new InvalidTokenException("no token");
    }
    JWTClaimsSet claims;
    try {
      claims = processor().process(token.strip(), null);
    } catch (ParseException e) {
      throw new InvalidTokenException("malformed token");
    } catch (BadJWTException e) {
      throw new InvalidTokenException(describe(e));
    } catch (BadJOSEException e) {
      throw new InvalidTokenException(describe(e));
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new InvalidTokenException("token could not be verified: " + e.getMessage());
    }
    checkAge(claims);
    return toCaller(claims);
  }

  private void checkAge(JWTClaimsSet claims) throws InvalidTokenException {
    Optional<Long> maxAge = maxTokenAgeSeconds;
    if (maxAge.isPresent()) {
      Instant issuedAt = claims.getIssueTime().toInstant();
      if (issuedAt.plusSeconds(maxAge.get()).isBefore(clock.instant())) {
        throw new InvalidTokenException("token is older than mp.jwt.verify.token.age");
      }
    }
  }

  static Caller toCaller(JWTClaimsSet claims) throws InvalidTokenException {
    try {
      return Caller.fromClaims(
          claims.getSubject(),
          claims.getStringClaim("name"),
          claims.getStringClaim("preferred_username"),
          claims.getStringClaim("upn"),
          claims.getStringClaim("email"),
          claims.getStringListClaim("groups"));
    } catch (ParseException e) {
      throw new InvalidTokenException("token claims have the wrong type: " + e.getMessage());
    }
  }

  private static String describe(BadJOSEException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains("Expired")) {
      return "token expired";
    }
    if (message.contains("Unsecured") || message.contains("plain")) {
      return "unsigned tokens (alg none) are refused";
    }
    if (message.contains("iss")) {
      return "token issuer is not accepted";
    }
    if (message.contains("aud")) {
      return "token audience is not accepted";
    }
    if (message.contains("signature")) {
      return "token signature is not valid";
    }
    if (message.contains("key")) {
      return "no configured key verifies this token";
    }
    if (message.contains("missing required claims")) {
      return "token lacks a required claim (sub, exp, iat, jti)";
    }
    return "token refused: " + message;
  }

  private DefaultJWTProcessor<SecurityContext> processor() throws InvalidTokenException {
    DefaultJWTProcessor<SecurityContext> current = processor;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (processor == null) {
        try {
          processor = build();
        } catch (InvalidKeyConfigurationException e) {
          LOG.log(Level.SEVERE, "JWT verification is not configured: " + e.getMessage(), e);
          throw new InvalidTokenException("the server cannot verify tokens (configuration)");
        }
      }
      return processor;
    }
  }

  private DefaultJWTProcessor<SecurityContext> build() throws InvalidKeyConfigurationException {
    String issuer = string("mp.jwt.verify.issuer");
    if (issuer == null) {
      throw new InvalidKeyConfigurationException("mp.jwt.verify.issuer is not configured");
    }
    JWSAlgorithm algorithm =
        JWSAlgorithm.parse(
            config
                .getOptionalValue("mp.jwt.verify.publickey.algorithm", String.class)
                .orElse("RS256"));
    Set<String> audiences =
        config
            .getOptionalValue("mp.jwt.verify.audiences", String.class)
            .map(
                value ->
                    Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toSet()))
            .filter(set -> !set.isEmpty())
            .orElse(null);
    int clockSkew = config.getOptionalValue("mp.jwt.verify.clock.skew", Integer.class).orElse(60);
    maxTokenAgeSeconds = config.getOptionalValue("mp.jwt.verify.token.age", Long.class);

    var jwtProcessor = new DefaultJWTProcessor<SecurityContext>();
    jwtProcessor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
    jwtProcessor.setJWSKeySelector(
        VerificationKeys.selectorFor(
            algorithm,
            string("mp.jwt.verify.publickey"),
            string("mp.jwt.verify.publickey.location")));
    var claimsVerifier =
        new DefaultJWTClaimsVerifier<SecurityContext>(
            audiences,
            new JWTClaimsSet.Builder().issuer(issuer).build(),
            new HashSet<>(REQUIRED_CLAIMS),
            null);
    claimsVerifier.setMaxClockSkew(clockSkew);
    jwtProcessor.setJWTClaimsSetVerifier(claimsVerifier);
    LOG.info(
        () ->
            "WebSocket tokens are verified with "
                + algorithm
                + " for issuer "
                + issuer
                + (audiences == null ? "" : " and audiences " + new ArrayList<>(audiences)));
    return jwtProcessor;
  }

  private String string(String key) {
    return config.getOptionalValue(key, String.class).filter(s -> !s.isBlank()).orElse(null);
  }
}
