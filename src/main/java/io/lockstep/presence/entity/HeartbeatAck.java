package io.lockstep.presence.entity;

import java.time.Instant;

public record HeartbeatAck(Instant lastActiveAt) {}
