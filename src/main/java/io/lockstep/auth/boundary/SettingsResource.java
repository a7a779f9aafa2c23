package io.lockstep.auth.boundary;

import io.lockstep.auth.control.SignIns;
import io.lockstep.auth.control.UserDirectory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller's settings: one JSON object, kept in step on all of the user's devices. */
@Path("users/me/settings")
@RequestScoped
@RolesAllowed({"user", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SettingsResource {

  static final int MAX_DEPTH = 10;

  @Inject JsonWebToken token;
  @Inject UserDirectory users;
  @Inject SignIns signIns;

  @Inject
  @ConfigProperty(name = "lockstep.settings.max-bytes", defaultValue = "65536")
  int maxBytes;

  @GET
  public JsonObject get() {
    return users.settings(signIns.signIn(Callers.from(token)).id());
  }

  @PUT
  public JsonObject replace(JsonValue settings) {
    if (settings == null || settings.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new BadRequestException("settings must be a JSON object");
    }
    if (settings.toString().getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      throw new BadRequestException("settings are larger than " + maxBytes + " bytes");
    }
    if (depth(settings) > MAX_DEPTH) {
      throw new BadRequestException("settings nest deeper than " + MAX_DEPTH + " levels");
    }
    String userId = signIns.signIn(Callers.from(token)).id();
    return users.replaceSettings(userId, settings.asJsonObject());
  }

  private static int depth(JsonValue value) {
    return switch (value.getValueType()) {
      case OBJECT ->
          1 + ((JsonObject) value).values().stream().mapToInt(v -> depth(v)).max().orElse(0);
      case ARRAY -> 1 + ((JsonArray) value).stream().mapToInt(v -> depth(v)).max().orElse(0);
      default -> 0;
    };
  }
}
