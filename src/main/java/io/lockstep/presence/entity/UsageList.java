package io.lockstep.presence.entity;

import java.util.List;

public record UsageList(List<ModelUsage> models) {}
