package io.lockstep.system.boundary;

import io.lockstep.system.control.JsonMapping;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** Gives REST the same snake_case JSON as the WebSocket protocol. */
@Provider
public class JsonbResolver implements ContextResolver<Jsonb> {

  @Override
  public Jsonb getContext(Class<?> type) {
    return JsonMapping.JSONB;
  }
}
