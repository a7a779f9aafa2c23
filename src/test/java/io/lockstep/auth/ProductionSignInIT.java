package io.lockstep.auth;

import static io.lockstep.it.Lockstep.get;
import static io.lockstep.it.Lockstep.json;
import static io.lockstep.it.Lockstep.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.lockstep.it.DeployedLockstep;
import io.lockstep.it.Tokens;
import io.lockstep.it.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The WAR as production runs it (failsafe execution "production-sign-in" in pom.xml): the
 * development sign-in off, and tokens from an identity provider whose public key is configured with
 * the standard {@code mp.jwt.verify.publickey.location} and {@code mp.jwt.verify.issuer}.
 *
 * <p>Payara only for now (not in -Pwildfly): it needs a second server with production settings.
 */
class ProductionSignInIT extends DeployedLockstep {

  static final String ISSUER = "https://idp.lockstep.test";

  @Test
  void theDevelopmentSignInDoesNotExist() {
    var response = post(base, "api/auth/dev-token", "{\"username\":\"alice\"}");
    assertEquals(404, response.statusCode());
  }

  @Test
  void identityProviderTokensSignInOnRestWithNameEmailAndRole() {
    String subject = "f3c1" + UUID.randomUUID();
    String token = idpToken(claims(subject).claim("groups", List.of("user", "admin")).build());
    var response = get(base, "api/users/me", token);
    assertEquals(200, response.statusCode(), response::body);
    JsonObject me = json(response);
    assertEquals(subject, me.getString("id"));
    assertEquals("Grace Hopper", me.getString("name"));
    assertEquals("grace@example.com", me.getString("email"));
    assertEquals("admin", me.getString("role"));
  }

  @Test
  void identityProviderTokensSignInOnTheWebSocket() {
    String subject = "a9e2" + UUID.randomUUID();
    try (WsClient client = WsClient.connect(base)) {
      client.send(
          Json.createObjectBuilder()
              .add("type", "user-join")
              .add("token", idpToken(claims(subject).build()))
              .build());
      assertEquals(subject, client.next("welcome").getJsonObject("user").getString("id"));
    }
  }

  @Test
  void developmentTokensAreRefusedEverywhere() throws JOSEException {
    var foreign = new RSAKeyGenerator(2048).generate();
    var devStyle =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
            Tokens.claims("alice").build());
    devStyle.sign(new RSASSASigner(foreign));
    assertEquals(401, get(base, "api/users/me", devStyle.serialize()).statusCode());
    assertRefusedOnWebSocket(devStyle.serialize());
  }

  /** Payara's MP-JWT refuses a token without jti; the WebSocket applies the same rule. */
  @Test
  void aTokenWithoutJtiIsRefusedOnRestAndWebSocketAlike() {
    String token = idpToken(claims("n0jti").jwtID(null).build());
    assertEquals(401, get(base, "api/users/me", token).statusCode());
    assertRefusedOnWebSocket(token);
  }

  @Test
  void aTokenFromTheRightKeyButAnotherIssuerIsRefused() {
    String token = idpToken(claims("other").issuer("https://elsewhere.test").build());
    assertEquals(401, get(base, "api/users/me", token).statusCode());
    assertRefusedOnWebSocket(token);
  }

  private void assertRefusedOnWebSocket(String token) {
    try (WsClient client = WsClient.connect(base)) {
      client.send(Json.createObjectBuilder().add("type", "user-join").add("token", token).build());
      assertEquals(4401, client.awaitClose().code());
    }
  }

  private static JWTClaimsSet.Builder claims(String subject) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject(subject)
        .claim("name", "Grace Hopper")
        .claim("email", "grace@example.com")
        .claim("preferred_username", "grace")
        .claim("groups", List.of("user"))
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .jwtID(UUID.randomUUID().toString());
  }

  private static String idpToken(JWTClaimsSet claims) {
    var jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID("idp-2026")
                .build(),
            claims);
    try {
      jwt.sign(new RSASSASigner(idpPrivateKey()));
    } catch (JOSEException e) {
      throw new AssertionError(e);
    }
    return jwt.serialize();
  }

  private static PrivateKey idpPrivateKey() {
    try {
      String pem = Files.readString(Path.of(System.getProperty("lockstep.it.idp-private-key")));
      byte[] der =
          Base64.getDecoder()
              .decode(
                  pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", ""));
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IOException | GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
