package io.lockstep.realtime.entity;

public record UserJoin(String token) {}
