package io.lockstep.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevSignInTest {

  private static Optional<String> decide(Map<String, String> config) {
    return DevSignIn.reasonToStayOff(key -> Optional.ofNullable(config.get(key)));
  }

  @Test
  void onByDefault() {
    assertEquals(Optional.empty(), decide(Map.of()));
    assertEquals(Optional.empty(), decide(Map.of("lockstep.auth.dev.enabled", "true")));
  }

  @Test
  void offWhenDisabled() {
    assertEquals(
        Optional.of("lockstep.auth.dev.enabled=false"),
        decide(Map.of("lockstep.auth.dev.enabled", "false")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mp.jwt.verify.publickey",
        "mp.jwt.verify.publickey.location",
        "mp.jwt.verify.issuer"
      })
  void offWhenTheOperatorConfiguredAnIdentityProviderEvenIfTheFlagWasForgotten(String key) {
    assertEquals(
        Optional.of(key + " is configured"),
        decide(Map.of("lockstep.auth.dev.enabled", "true", key, "https://sso.example.com")));
  }

  @Test
  void aBlankOperatorValueDoesNotCount() {
    assertEquals(Optional.empty(), decide(Map.of("mp.jwt.verify.issuer", " ")));
  }
}
