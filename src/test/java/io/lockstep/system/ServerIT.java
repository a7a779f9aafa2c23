package io.lockstep.system;

import static io.lockstep.it.Lockstep.devToken;
import static io.lockstep.it.Lockstep.get;
import static io.lockstep.it.Lockstep.json;
import static io.lockstep.it.Lockstep.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.it.DeployedLockstep;
import io.lockstep.it.Tokens;
import jakarta.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The REST side of the foundation, against the packaged WAR on a real Payara Micro. */
class ServerIT extends DeployedLockstep {

  @Test
  void versionNamesTheBuildAndThisDeployment() {
    var response = get(base, "api/version", null);
    assertEquals(200, response.statusCode());
    JsonObject version = json(response);
    assertFalse(version.getString("version").isBlank());
    assertFalse(version.getString("deployment_id").isBlank());
  }

  @Test
  void healthIsUpAndReadinessTouchesTheDatabase() {
    var ready = get(healthRoot(), "health/ready", null);
    assertEquals(200, ready.statusCode(), ready::body);
    JsonObject readiness = json(ready);
    assertEquals("UP", readiness.getString("status"));
    JsonObject database = check(readiness, "database");
    assertEquals("UP", database.getString("status"));
    assertEquals(expectedDatabaseProduct(), database.getJsonObject("data").getString("product"));
    JsonObject grid = check(readiness, "data-grid");
    assertEquals("UP", grid.getString("status"), "a single node is always in its own grid");

    var live = get(healthRoot(), "health/live", null);
    assertEquals(200, live.statusCode(), live::body);
    assertEquals("UP", json(live).getString("status"));
  }

  /** Payara serves MicroProfile Health on the HTTP port, WildFly on its management port. */
  private java.net.URI healthRoot() {
    String configured = System.getProperty("lockstep.it.health-root");
    return configured == null ? base.resolve("/") : java.net.URI.create(configured);
  }

  private static JsonObject check(JsonObject health, String name) {
    return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .filter(check -> check.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
  }

  @Test
  void hibernateIsTheJpaProviderOnTheLiquibaseSchema() {
    String admin = devToken(base, Tokens.uniqueUser("admin"), true);
    var response = get(base, "api/admin/system", admin);
    assertEquals(200, response.statusCode(), response::body);
    JsonObject system = json(response);
    assertEquals(
        "org.hibernate.internal.SessionFactoryImpl", system.getString("persistence_provider"));
    assertTrue(
        system.getString("database").startsWith(expectedDatabaseProduct()),
        system.getString("database"));
  }

  @Test
  void adminPathsRefuseOrdinaryUsers() {
    String user = devToken(base, Tokens.uniqueUser("bob"), false);
    assertEquals(403, get(base, "api/admin/system", user).statusCode());
  }

  @Test
  void devSignInCreatesTheUserOnFirstSight() {
    String name = Tokens.uniqueUser("alice");
    String token = devToken(base, name, false);
    var response = get(base, "api/users/me", token);
    assertEquals(200, response.statusCode(), response::body);
    JsonObject me = json(response);
    assertEquals(name, me.getString("id"));
    assertEquals(name, me.getString("name"));
    assertEquals("user", me.getString("role"));
    Instant.parse(me.getString("last_active_at"));

    var again = json(get(base, "api/users/me", token));
    assertEquals(me.getString("last_active_at"), again.getString("last_active_at"));
  }

  @Test
  void adminFlagGivesTheAdminRole() {
    String token = devToken(base, Tokens.uniqueUser("root"), true);
    assertEquals("admin", json(get(base, "api/users/me", token)).getString("role"));
  }

  @Test
  void tokensIssuedOutsideTheServerWithTheSameKeyAreAccepted() {
    String name = Tokens.uniqueUser("carol");
    var response = get(base, "api/users/me", Tokens.valid(name));
    assertEquals(200, response.statusCode(), response::body);
    assertEquals(name, json(response).getString("id"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"expired", "foreign-key", "unsigned", "wrong-issuer", "garbage", "none"})
  void restRefusesBadTokensWith401(String kind) {
    String subject = Tokens.uniqueUser("mallory");
    String token = Tokens.bad(kind, subject);
    assertEquals(401, get(base, "api/users/me", token).statusCode());
  }

  @Test
  void devTokenRefusesBadInputWithAClearError() {
    var empty = post(base, "api/auth/dev-token", "{\"username\":\"\"}");
    assertEquals(400, empty.statusCode());
    assertEquals("bad_request", json(empty).getString("code"));
    assertTrue(json(empty).getString("message").contains("username is required"), empty.body());

    var tooLong = post(base, "api/auth/dev-token", "{\"username\":\"" + "x".repeat(65) + "\"}");
    assertEquals(400, tooLong.statusCode());
    assertTrue(json(tooLong).getString("message").contains("at most 64"), tooLong.body());

    var badCharacters = post(base, "api/auth/dev-token", "{\"username\":\"a b<script>\"}");
    assertEquals(400, badCharacters.statusCode());

    var malformed = post(base, "api/auth/dev-token", "{\"username\":");
    assertEquals(400, malformed.statusCode());

    var missingBody = post(base, "api/auth/dev-token", "");
    assertEquals(400, missingBody.statusCode());
  }

  @Test
  void eachDevTokenIsDistinct() {
    String name = Tokens.uniqueUser("dave");
    assertNotEquals(devToken(base, name, false), devToken(base, name, false));
  }

  private static String expectedDatabaseProduct() {
    return System.getProperty("lockstep.it.datasource.url").startsWith("jdbc:postgresql")
        ? "PostgreSQL"
        : "H2";
  }
}
