package io.lockstep.auth;

import static io.lockstep.it.Lockstep.get;
import static io.lockstep.it.Lockstep.json;
import static io.lockstep.it.Lockstep.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.lockstep.it.DeployedLockstep;
import io.lockstep.it.Lockstep;
import io.lockstep.it.Tokens;
import io.lockstep.it.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The WAR as production runs it (failsafe execution "production-sign-in" in pom.xml): the
 * development sign-in off, and tokens from an identity provider whose public key is configured with
 * the standard {@code mp.jwt.verify.publickey.location} and {@code mp.jwt.verify.issuer}.
 *
 * <p>Payara only for now (not in -Pwildfly): it needs a second server with production settings.
 */
class ProductionSignInIT extends DeployedLockstep {

  static final String ISSUER = "https://idp.lockstep.test";
  static final String AUDIENCE = "lockstep";

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

  /**
   * The attacks on a bearer token, each refused on REST (401), on /ws (4401 at user-join, or 401
   * for a bearer header on the handshake) and on /ws/yjs (4401): a refused token never reaches a
   * note, so the random note id is never looked up.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "expired",
        "not-yet-valid",
        "wrong-audience",
        "no-audience",
        "wrong-issuer",
        "alg-none",
        "hs256-with-public-key-pem",
        "hs256-with-public-key-der",
        "foreign-key"
      })
  void attacksOnTheTokenAreRefusedEverywhere(String attack) throws Exception {
    String subject = attack + "-" + UUID.randomUUID();
    String token = attackToken(attack, subject);
    var rest = get(base, "api/users/me", token);
    assertEquals(401, rest.statusCode(), rest::body);
    assertRefusedOnWebSocket(token);
    assertRefusedOnYjs(token);
    // nothing was created for the subject: an admin does not find the user
    String admin =
        idpToken(claims("admin-" + UUID.randomUUID()).claim("groups", List.of("admin")).build());
    assertEquals(
        404, Lockstep.send(base, "DELETE", "api/admin/users/" + subject, null, admin).statusCode());
  }

  /** The control case for the attacks: the same path with an honest token works everywhere. */
  @Test
  void anHonestTokenIsAcceptedEverywhere() {
    String subject = "honest-" + UUID.randomUUID();
    String token = idpToken(claims(subject).build());
    assertEquals(200, get(base, "api/users/me", token).statusCode());
    WsClient.signedIn(base, token).close();
    try (WsClient yjs =
        WsClient.connectTo(base, "ws/yjs/" + UUID.randomUUID() + "?token=" + token)) {
      assertEquals(4404, yjs.awaitClose().code(), "signed in, then no such note");
    }
  }

  @Test
  void aDeletedUsersValidTokenIsRefusedEverywhereAndTheirConnectionsClose() {
    String subject = "leaver-" + UUID.randomUUID();
    String token = idpToken(claims(subject).build());
    String admin =
        idpToken(claims("admin-" + UUID.randomUUID()).claim("groups", List.of("admin")).build());
    assertEquals(200, get(base, "api/users/me", token).statusCode());
    try (WsClient open = WsClient.signedIn(base, token)) {
      var deleted = Lockstep.send(base, "DELETE", "api/admin/users/" + subject, null, admin);
      assertEquals(200, deleted.statusCode(), deleted::body);
      assertEquals("user.delete", json(deleted).getString("action"));
      assertEquals(4401, open.awaitClose().code(), "an open connection of the user closes");
    }
    var rest = get(base, "api/users/me", token);
    assertEquals(401, rest.statusCode());
    assertEquals("this user was deleted", json(rest).getString("message"));
    assertEquals(401, get(base, "api/chats", token).statusCode());
    assertRefusedOnWebSocket(token);
    assertRefusedOnYjs(token);
    // a token issued after the deletion is refused too: the tombstone is by subject
    assertEquals(401, get(base, "api/users/me", idpToken(claims(subject).build())).statusCode());
    // deleting twice answers the same; an unknown user is 404; only admins may delete
    assertEquals(
        200, Lockstep.send(base, "DELETE", "api/admin/users/" + subject, null, admin).statusCode());
    assertEquals(
        404,
        Lockstep.send(base, "DELETE", "api/admin/users/nobody-" + UUID.randomUUID(), null, admin)
            .statusCode());
    String other = idpToken(claims("other-" + UUID.randomUUID()).build());
    assertEquals(
        403, Lockstep.send(base, "DELETE", "api/admin/users/" + subject, null, other).statusCode());
  }

  private void assertRefusedOnWebSocket(String token) {
    try (WsClient client = WsClient.connect(base)) {
      client.send(Json.createObjectBuilder().add("type", "user-join").add("token", token).build());
      assertEquals(4401, client.awaitClose().code());
    }
  }

  private void assertRefusedOnYjs(String token) {
    try (WsClient client =
        WsClient.connectTo(
            base,
            "ws/yjs/"
                + UUID.randomUUID()
                + "?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8))) {
      assertEquals(4401, client.awaitClose().code());
    }
  }

  private static String attackToken(String attack, String subject) throws Exception {
    Instant now = Instant.now();
    return switch (attack) {
      // beyond the default clock skew of 60 s
      case "expired" ->
          idpToken(
              claims(subject)
                  .issueTime(Date.from(now.minusSeconds(1200)))
                  .expirationTime(Date.from(now.minusSeconds(600)))
                  .build());
      case "not-yet-valid" ->
          idpToken(claims(subject).notBeforeTime(Date.from(now.plusSeconds(600))).build());
      case "wrong-audience" -> idpToken(claims(subject).audience("someone-else").build());
      case "no-audience" -> idpToken(claims(subject).audience((String) null).build());
      case "wrong-issuer" -> idpToken(claims(subject).issuer("https://elsewhere.test").build());
      case "alg-none" -> new PlainJWT(claims(subject).build()).serialize();
      // algorithm confusion: the public key, which anyone may have, used as an HMAC secret
      case "hs256-with-public-key-pem" ->
          hmacSigned(subject, Files.readAllBytes(idpPublicKeyFile()));
      case "hs256-with-public-key-der" -> hmacSigned(subject, idpPublicKeyDer());
      case "foreign-key" -> {
        var jwt =
            new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .type(JOSEObjectType.JWT)
                    .keyID("idp-2026")
                    .build(),
                claims(subject).build());
        jwt.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));
        yield jwt.serialize();
      }
      default -> throw new IllegalArgumentException(attack);
    };
  }

  private static String hmacSigned(String subject, byte[] secret) throws JOSEException {
    var jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(JOSEObjectType.JWT)
                .keyID("idp-2026")
                .build(),
            claims(subject).build());
    jwt.sign(new MACSigner(secret));
    return jwt.serialize();
  }

  private static Path idpPublicKeyFile() {
    return Path.of(System.getProperty("lockstep.it.idp-private-key"))
        .resolveSibling("idp-public.pem");
  }

  private static byte[] idpPublicKeyDer() throws IOException {
    String pem = Files.readString(idpPublicKeyFile());
    return Base64.getDecoder()
        .decode(pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", ""));
  }

  private static JWTClaimsSet.Builder claims(String subject) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
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
