package io.lockstep.system.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a client compares on every (re)connect to notice a new deployment: the build's version and
 * an id that changes with every deployment unless {@code lockstep.deployment-id} pins it.
 */
@ApplicationScoped
public class Deployment {

  @Inject
  @ConfigProperty(name = "lockstep.deployment-id")
  Optional<String> configuredId;

  private String version;
  private String id;

  @PostConstruct
  void init() {
    version = readBuildVersion();
    id = configuredId.filter(s -> !s.isBlank()).orElseGet(() -> UUID.randomUUID().toString());
  }

  public String version() {
    return version;
  }

  public String id() {
    return id;
  }

  static String readBuildVersion() {
    try (InputStream in =
        Deployment.class.getResourceAsStream("/META-INF/lockstep-build.properties")) {
      if (in == null) {
        return "unknown";
      }
      var properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
