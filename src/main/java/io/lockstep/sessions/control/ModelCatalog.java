package io.lockstep.sessions.control;

import io.lockstep.sessions.entity.Model;
import io.lockstep.sessions.entity.ModelList;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The models the configured agent adapters offer, from {@code lockstep.models} (entries {@code id}
 * or {@code adapter:id}, comma-separated; default: the built-in {@code echo} agent). Read anew on
 * every call, so a configuration change shows at the next refresh.
 */
@ApplicationScoped
public class ModelCatalog {

  static final String KEY = "lockstep.models";

  public ModelList models() {
    String configured =
        ConfigProvider.getConfig().getOptionalValue(KEY, String.class).orElse("echo:echo");
    List<Model> models =
        Arrays.stream(configured.split(","))
            .map(String::trim)
            .filter(entry -> !entry.isEmpty())
            .map(ModelCatalog::parse)
            .distinct()
            .toList();
    return new ModelList(models);
  }

  static Model parse(String entry) {
    int colon = entry.indexOf(':');
    return colon < 0
        ? new Model(entry, "echo")
        : new Model(entry.substring(colon + 1), entry.substring(0, colon));
  }
}
