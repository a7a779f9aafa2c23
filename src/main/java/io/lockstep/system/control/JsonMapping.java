package io.lockstep.system.control;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-B mapping of Lockstep, shared by REST and WebSocket: Java names in camelCase travel
 * as snake_case ({@code deploymentId} is {@code deployment_id}), nulls are left out.
 */
public final class JsonMapping {

  public static final Jsonb JSONB =
      JsonbBuilder.create(
          new JsonbConfig()
              .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));

  /**
   * JSON-P, looked up once: every {@code Json.createX} call looks the provider up again through the
   * ServiceLoader, which scans the application's jars (a quarter of the agent thread's time per
   * streamed chunk, by the flight recorder).
   */
  public static final JsonProvider JSON = JsonProvider.provider();

  private JsonMapping() {}
}
