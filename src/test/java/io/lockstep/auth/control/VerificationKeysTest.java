package io.lockstep.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.lockstep.auth.control.VerificationKeys.InvalidKeyConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every form of key that MicroProfile JWT accepts in mp.jwt.verify.publickey(.location). */
class VerificationKeysTest {

  static RSAKey rsa;
  static ECKey ec;

  @BeforeAll
  static void keys() throws Exception {
    rsa = new RSAKeyGenerator(2048).keyID("r1").generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("e1").generate();
  }

  static String base64Der() throws Exception {
    return Base64.getEncoder().encodeToString(rsa.toRSAPublicKey().getEncoded());
  }

  static String pem() throws Exception {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes())
            .encodeToString(rsa.toRSAPublicKey().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  @Test
  void base64DerPemJwkAndJwkSetAllYieldTheSameRsaKey() throws Exception {
    for (String form :
        new String[] {
          base64Der(),
          pem(),
          rsa.toPublicJWK().toJSONString(),
          new JWKSet(rsa.toPublicJWK()).toString()
        }) {
      JWKSet parsed = VerificationKeys.parse(form);
      assertEquals(rsa.toRSAPublicKey(), ((RSAKey) parsed.getKeys().get(0)).toRSAPublicKey(), form);
    }
  }

  @Test
  void anEcKeyInDerForm() throws Exception {
    String der = Base64.getEncoder().encodeToString(ec.toECPublicKey().getEncoded());
    assertEquals(
        ec.toECPublicKey(), ((ECKey) VerificationKeys.parse(der).getKeys().get(0)).toECPublicKey());
  }

  @Test
  void aFileLocationIsRead(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("idp.pem"), pem());
    var selector = VerificationKeys.selectorFor(JWSAlgorithm.RS256, null, file.toUri().toString());
    var keys =
        selector.selectJWSKeys(
            new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID("x").build(),
            null);
    assertEquals(1, keys.size(), "a configured key serves whatever kid a token names");
  }

  @Test
  void aKeyOfAnotherAlgorithmIsNotOffered() throws Exception {
    var selector = VerificationKeys.selectorFor(JWSAlgorithm.RS256, base64Der(), null);
    assertFalse(selector.selectJWSKeys(new JWSHeader(JWSAlgorithm.RS256), null).isEmpty());
    assertEquals(0, selector.selectJWSKeys(new JWSHeader(JWSAlgorithm.HS256), null).size());
  }

  @Test
  void unusableConfigurationIsReportedClearly() {
    assertThrows(InvalidKeyConfigurationException.class, () -> VerificationKeys.parse("%%%"));
    assertThrows(
        InvalidKeyConfigurationException.class, () -> VerificationKeys.fromConfigured(null, null));
    assertThrows(
        InvalidKeyConfigurationException.class,
        () -> VerificationKeys.selectorFor(JWSAlgorithm.ES256, base64Der(), null));
  }
}
