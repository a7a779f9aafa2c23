package io.lockstep.auth.control;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

/**
 * Decides whether the development sign-in is on: {@code lockstep.auth.dev.enabled} (default true)
 * and no verification key or issuer configured by the operator. Configuring a real identity
 * provider therefore switches it off even if the flag was forgotten.
 *
 * <p>It reads the default config sources only (system properties, environment, the WAR's
 * microprofile-config.properties and the server's own), never {@link DevKeyConfigSource}, which
 * asks it: that keeps the decision free of recursion and of cached answers.
 */
public final class DevSignIn {

  public static final String ISSUER = "lockstep-dev";
  private static final Logger LOG = Logger.getLogger(DevSignIn.class.getName());
  private static final List<String> OPERATOR_KEYS =
      List.of(
          "mp.jwt.verify.publickey", "mp.jwt.verify.publickey.location", "mp.jwt.verify.issuer");
  private static volatile Optional<RSAKey> activeKey;

  private DevSignIn() {}

  public static Optional<RSAKey> activeKey() {
    Optional<RSAKey> key = activeKey;
    if (key == null) {
      synchronized (DevSignIn.class) {
        if (activeKey == null) {
          activeKey = decide();
        }
        key = activeKey;
      }
    }
    return key;
  }

  private static Optional<RSAKey> decide() {
    Config operator =
        ConfigProviderResolver.instance()
            .getBuilder()
            .forClassLoader(DevSignIn.class.getClassLoader())
            .addDefaultSources()
            .build();
    Optional<String> refusal = reasonToStayOff(key -> operator.getOptionalValue(key, String.class));
    if (refusal.isPresent()) {
      LOG.info(() -> "Development sign-in is off: " + refusal.get());
      return Optional.empty();
    }
    Path dataDir =
        Path.of(
            operator.getOptionalValue("lockstep.data-dir", String.class).orElse("./lockstep-data"));
    LOG.warning(
        "Development sign-in is ON: anyone can get a token at POST /api/auth/dev-token."
            + " Set lockstep.auth.dev.enabled=false and mp.jwt.verify.* in production.");
    return Optional.of(DevSigningKey.loadOrCreate(dataDir));
  }

  /** Why the development sign-in must stay off under this configuration, if it must. */
  static Optional<String> reasonToStayOff(Function<String, Optional<String>> config) {
    boolean enabled =
        config.apply("lockstep.auth.dev.enabled").map(Boolean::parseBoolean).orElse(true);
    if (!enabled) {
      return Optional.of("lockstep.auth.dev.enabled=false");
    }
    return OPERATOR_KEYS.stream()
        .filter(key -> config.apply(key).filter(value -> !value.isBlank()).isPresent())
        .findFirst()
        .map(key -> key + " is configured");
  }
}
