package io.lockstep.chats.entity;

public record ChatDeleted(String id) {}
