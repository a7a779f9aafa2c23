package io.lockstep.auth.control;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies {@code mp.jwt.verify.publickey} and {@code mp.jwt.verify.issuer} for the development
 * sign-in, so its tokens pass through exactly the same MicroProfile JWT verification as an identity
 * provider's. It answers only while {@link DevSignIn} is active, with the lowest ordinal, so any
 * operator setting wins.
 */
public class DevKeyConfigSource implements ConfigSource {

  static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
  static final String ISSUER = "mp.jwt.verify.issuer";

  @Override
  public Set<String> getPropertyNames() {
    return Set.of(PUBLIC_KEY, ISSUER);
  }

  @Override
  public Map<String, String> getProperties() {
    return DevSignIn.activeKey()
        .map(
            key -> Map.of(PUBLIC_KEY, DevSigningKey.publicKeyBase64(key), ISSUER, DevSignIn.ISSUER))
        .orElse(Map.of());
  }

  @Override
  public String getValue(String propertyName) {
    if (!getPropertyNames().contains(propertyName)) {
      return null;
    }
    return getProperties().get(propertyName);
  }

  @Override
  public String getName() {
    return "lockstep-development-sign-in";
  }

  @Override
  public int getOrdinal() {
    return 10;
  }
}
