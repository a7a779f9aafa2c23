package io.lockstep.system.control;

import io.lockstep.cluster.control.Cluster;
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
 * an id that changes with every deployment unless {@code lockstep.deployment-id} pins it; the nodes
 * of a cluster that run one build share one id.
 */
@ApplicationScoped
public class Deployment {

  @Inject
  @ConfigProperty(name = "lockstep.deployment-id")
  Optional<String> configuredId;

  private String version;
  private String id;

  @Inject Cluster cluster;

  @PostConstruct
  void init() {
    Properties build = readBuild();
    version = build.getProperty("version", "unknown");
    id = configuredId.filter(s -> !s.isBlank()).orElseGet(() -> agreedId(build));
  }

  /**
   * One id for every node that runs this build, so a client that reconnects to another node of the
   * cluster does not reload: the first node to start puts its id into the grid, the others take it.
   * A new build (or a restart of the whole cluster) gets a new id.
   */
  private String agreedId(Properties build) {
    String buildKey = version + "@" + build.getProperty("built", "");
    String mine = UUID.randomUUID().toString();
    String agreed = cluster.<String, String>map("lockstep.deployments").putIfAbsent(buildKey, mine);
    return agreed == null ? mine : agreed;
  }

  public String version() {
    return version;
  }

  public String id() {
    return id;
  }

  private static Properties readBuild() {
    var properties = new Properties();
    try (InputStream in =
        Deployment.class.getResourceAsStream("/META-INF/lockstep-build.properties")) {
      if (in != null) {
        properties.load(in);
      }
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
