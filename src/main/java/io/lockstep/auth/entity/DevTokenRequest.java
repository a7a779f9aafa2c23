package io.lockstep.auth.entity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record DevTokenRequest(
    @NotBlank(message = "username is required")
        @Size(max = 64, message = "username has at most 64 characters")
        @Pattern(
            regexp = "[A-Za-z0-9._@-]*",
            message = "username may contain letters, digits, '.', '_', '@' and '-'")
        String username,
    boolean admin) {}
