package io.lockstep.auth.entity;

public record DevToken(String token) {}
