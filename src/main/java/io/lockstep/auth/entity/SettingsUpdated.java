package io.lockstep.auth.entity;

import jakarta.json.JsonObject;

/** The payload of {@code settings:updated}. */
public record SettingsUpdated(JsonObject settings) {}
