package io.lockstep.auth.entity;

import jakarta.json.JsonObject;

/** Fired (CDI event) in the transaction that replaced a user's settings. */
public record SettingsChanged(String userId, JsonObject settings) {}
