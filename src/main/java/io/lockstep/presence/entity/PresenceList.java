package io.lockstep.presence.entity;

import java.util.List;

public record PresenceList(List<OnlineUser> users) {}
