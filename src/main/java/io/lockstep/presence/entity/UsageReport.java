package io.lockstep.presence.entity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code usage {model}}: this connection is using that model now. */
public record UsageReport(
    @NotBlank(message = "model is required")
        @Size(max = 256, message = "model has at most 256 characters")
        String model) {}
