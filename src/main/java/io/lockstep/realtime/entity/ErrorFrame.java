package io.lockstep.realtime.entity;

public record ErrorFrame(String code, String message) {}
