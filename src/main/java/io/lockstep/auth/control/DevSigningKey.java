package io.lockstep.auth.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * The development sign-in's RSA key pair: generated on first start and kept in the data directory,
 * so tokens stay valid across restarts. Only the embedded default uses it.
 */
public final class DevSigningKey {

  static final String FILE = "keys/dev-signing-key.json";
  private static final Logger LOG = Logger.getLogger(DevSigningKey.class.getName());

  private DevSigningKey() {}

  public static synchronized RSAKey loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the development signing key " + file, e);
    } catch (ParseException e) {
      throw new IllegalStateException("The development signing key " + file + " is damaged", e);
    }
  }

  /** The public key as MicroProfile JWT's {@code mp.jwt.verify.publickey} takes it. */
  public static String publicKeyBase64(RSAKey key) {
    try {
      return Base64.getEncoder().encodeToString(key.toRSAPublicKey().getEncoded());
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    RSAKey key;
    try {
      key = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot generate the development signing key", e);
    }
    Path temp = Files.createTempFile(file.getParent(), "dev-signing-key", ".tmp");
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the data directory's own permissions protect the file
    }
    Files.writeString(temp, key.toJSONString(), StandardCharsets.UTF_8);
    // a hard link fails if the file exists, where a rename would silently replace the key that
    // another node, starting at the same moment on the same data directory, already uses
    try {
      Files.createLink(file, temp);
      LOG.info(() -> "Generated the development signing key " + file.toAbsolutePath());
    } catch (FileAlreadyExistsException anotherNodeWasFaster) {
      LOG.fine("Another node generated the development signing key first");
    } catch (UnsupportedOperationException noHardLinks) {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
