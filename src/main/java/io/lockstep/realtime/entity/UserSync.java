package io.lockstep.realtime.entity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code user:sync {after_seq, limit?}}: replay the user-room events after {@code after_seq}. */
public record UserSync(
    @NotNull(message = "after_seq is required")
        @Min(value = 0, message = "after_seq must be 0 or more")
        Long afterSeq,
    @Min(value = 1, message = "limit must be at least 1")
        @Max(value = 1000, message = "limit must be at most 1000")
        Integer limit) {}
