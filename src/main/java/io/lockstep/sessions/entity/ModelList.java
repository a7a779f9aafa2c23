package io.lockstep.sessions.entity;

import java.util.List;

/** The models on offer: {@code GET /api/models} and the {@code models:updated} event. */
public record ModelList(List<Model> models) {}
