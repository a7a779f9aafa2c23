package io.lockstep.auth.control;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Path;
import java.util.Optional;
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
    boolean enabled =
        operator.getOptionalValue("lockstep.auth.dev.enabled", Boolean.class).orElse(true);
    if (!enabled) {
      LOG.info("Development sign-in is off (lockstep.auth.dev.enabled=false)");
      return Optional.empty();
    }
    for (String key :
        new String[] {
          "mp.jwt.verify.publickey", "mp.jwt.verify.publickey.location", "mp.jwt.verify.issuer"
        }) {
      if (operator.getOptionalValue(key, String.class).filter(v -> !v.isBlank()).isPresent()) {
        LOG.info(() -> "Development sign-in is off: " + key + " is configured");
        return Optional.empty();
      }
    }
    Path dataDir =
        Path.of(
            operator.getOptionalValue("lockstep.data-dir", String.class).orElse("./lockstep-data"));
    LOG.warning(
        "Development sign-in is ON: anyone can get a token at POST /api/auth/dev-token."
            + " Set lockstep.auth.dev.enabled=false and mp.jwt.verify.* in production.");
    return Optional.of(DevSigningKey.loadOrCreate(dataDir));
  }
}
