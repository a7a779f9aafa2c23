package io.lockstep.realtime.entity;

import jakarta.validation.constraints.NotBlank;

public record UserJoin(@NotBlank(message = "token is required") String token) {}
