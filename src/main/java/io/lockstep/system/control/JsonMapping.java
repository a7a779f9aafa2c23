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
   * The JSON-P provider, looked up once. {@code Json.createReader} and the other {@code Json}
   * factories look it up on every call with a {@code ServiceLoader}, which on Payara scans the
   * application's class path each time: use this on paths taken per frame.
   */
  public static final JsonProvider JSON = JsonProvider.provider();

  private JsonMapping() {}
}
