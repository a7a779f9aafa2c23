package io.lockstep.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Real signed tokens for tests: good ones from the server's development key, and each kind of bad
 * one (expired, wrong issuer, foreign key, unsigned).
 */
public final class Tokens {

  private Tokens() {}

  public static String uniqueUser(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The development signing key the server generated in its data directory. */
  public static RSAKey serverDevKey() {
    Path file = Path.of(System.getProperty("lockstep.it.data-dir"), "keys/dev-signing-key.json");
    try {
      return RSAKey.parse(Files.readString(file));
    } catch (IOException | ParseException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }

  public static JWTClaimsSet.Builder claims(String subject) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer("lockstep-dev")
        .subject(subject)
        .claim("name", subject)
        .claim("groups", List.of("user"))
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(3600)))
        .jwtID(UUID.randomUUID().toString());
  }

  public static String sign(RSAKey key, JWTClaimsSet claims) {
    var jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(key.getKeyID())
                .build(),
            claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new AssertionError(e);
    }
    return jwt.serialize();
  }

  public static String valid(String subject) {
    return sign(serverDevKey(), claims(subject).build());
  }

  public static String expired(String subject) {
    Instant past = Instant.now().minusSeconds(7200);
    return sign(
        serverDevKey(),
        claims(subject)
            .issueTime(Date.from(past))
            .expirationTime(Date.from(past.plusSeconds(600)))
            .build());
  }

  public static String wrongIssuer(String subject) {
    return sign(serverDevKey(), claims(subject).issuer("https://attacker.example").build());
  }

  public static String signedWithForeignKey(String subject) {
    try {
      RSAKey foreign = new RSAKeyGenerator(2048).keyID(serverDevKey().getKeyID()).generate();
      return sign(foreign, claims(subject).build());
    } catch (JOSEException e) {
      throw new AssertionError(e);
    }
  }

  public static String unsigned(String subject) {
    return new PlainJWT(claims(subject).build()).serialize();
  }

  /**
   * A token that must be refused: "expired", "foreign-key", "unsigned", "wrong-issuer", "garbage";
   * anything else means no token at all (null).
   */
  public static String bad(String kind, String subject) {
    return switch (kind) {
      case "expired" -> expired(subject);
      case "foreign-key" -> signedWithForeignKey(subject);
      case "unsigned" -> unsigned(subject);
      case "wrong-issuer" -> wrongIssuer(subject);
      case "garbage" -> "not.a.token";
      default -> null;
    };
  }
}
