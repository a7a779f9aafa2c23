package io.lockstep.auth.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Turns the standard {@code mp.jwt.verify.publickey} / {@code mp.jwt.verify.publickey.location}
 * values into a key source, accepting what MicroProfile JWT accepts: PEM, base64 DER, a JWK, a JWK
 * set, or an http(s) JWKS URL (fetched, cached and refreshed on an unknown key id).
 */
final class VerificationKeys {

  private VerificationKeys() {}

  /**
   * The key selector for the configured keys. Keys configured inline or from a file are used
   * whatever {@code kid} a token names, as MicroProfile JWT does; a JWKS URL is matched by {@code
   * kid}, so that key rotation works.
   */
  static JWSKeySelector<SecurityContext> selectorFor(
      JWSAlgorithm algorithm, String publicKey, String location)
      throws InvalidKeyConfigurationException {
    JWKSource<SecurityContext> source = fromConfigured(publicKey, location);
    if (source instanceof ImmutableJWKSet<SecurityContext> fixed) {
      List<Key> keys = new ArrayList<>();
      for (JWK jwk : fixed.getJWKSet().getKeys()) {
        try {
          if (jwk instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(algorithm)) {
            keys.add(rsa.toPublicKey());
          } else if (jwk instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(algorithm)) {
            keys.add(ec.toPublicKey());
          }
        } catch (JOSEException e) {
          throw new InvalidKeyConfigurationException("unusable public key: " + e.getMessage(), e);
        }
      }
      if (keys.isEmpty()) {
        throw new InvalidKeyConfigurationException(
            "no configured public key fits the algorithm " + algorithm);
      }
      return (header, context) -> algorithm.equals(header.getAlgorithm()) ? keys : List.of();
    }
    return new JWSVerificationKeySelector<>(algorithm, source);
  }

  static JWKSource<SecurityContext> fromConfigured(String publicKey, String location)
      throws InvalidKeyConfigurationException {
    if (publicKey != null && !publicKey.isBlank()) {
      return new ImmutableJWKSet<>(parse(publicKey));
    }
    if (location == null || location.isBlank()) {
      throw new InvalidKeyConfigurationException(
          "neither mp.jwt.verify.publickey nor mp.jwt.verify.publickey.location is configured");
    }
    if (location.startsWith("http://") || location.startsWith("https://")) {
      try {
        return JWKSourceBuilder.create(URI.create(location).toURL()).build();
      } catch (MalformedURLException | IllegalArgumentException e) {
        throw new InvalidKeyConfigurationException("bad JWKS URL " + location, e);
      }
    }
    return new ImmutableJWKSet<>(parse(read(location)));
  }

  static JWKSet parse(String text) throws InvalidKeyConfigurationException {
    String trimmed = text.trim();
    try {
      if (trimmed.startsWith("{")) {
        return trimmed.contains("\"keys\"")
            ? JWKSet.parse(trimmed)
            : new JWKSet(JWK.parse(trimmed));
      }
      String base64 = trimmed.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
      return new JWKSet(toJwk(Base64.getDecoder().decode(base64)));
    } catch (ParseException | IllegalArgumentException | GeneralSecurityException e) {
      throw new InvalidKeyConfigurationException("unreadable public key: " + e.getMessage(), e);
    }
  }

  private static JWK toJwk(byte[] der) throws GeneralSecurityException {
    PublicKey key = decode(der);
    if (key instanceof RSAPublicKey rsa) {
      return new RSAKey.Builder(rsa).build();
    }
    ECPublicKey ec = (ECPublicKey) key;
    return new ECKey.Builder(com.nimbusds.jose.jwk.Curve.forECParameterSpec(ec.getParams()), ec)
        .build();
  }

  private static PublicKey decode(byte[] der) throws GeneralSecurityException {
    var spec = new X509EncodedKeySpec(der);
    try {
      return KeyFactory.getInstance("RSA").generatePublic(spec);
    } catch (GeneralSecurityException notRsa) {
      return KeyFactory.getInstance("EC").generatePublic(spec);
    }
  }

  private static String read(String location) throws InvalidKeyConfigurationException {
    try {
      if (location.startsWith("classpath:")) {
        String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
        try (InputStream in =
            VerificationKeys.class.getClassLoader().getResourceAsStream(resource)) {
          if (in == null) {
            throw new InvalidKeyConfigurationException("no resource " + location);
          }
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      if (location.startsWith("file:")) {
        URL url = URI.create(location).toURL();
        try (InputStream in = url.openStream()) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      return Files.readString(Path.of(location));
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidKeyConfigurationException("cannot read public key from " + location, e);
    }
  }

  /** The configured verification key cannot be used; every token is refused until it is fixed. */
  static final class InvalidKeyConfigurationException extends Exception {
    InvalidKeyConfigurationException(String message) {
      super(message);
    }

    InvalidKeyConfigurationException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
