package io.lockstep.system.control;

import jakarta.annotation.sql.DataSourceDefinition;

/**
 * The one datasource of the persistence unit. Payara resolves {@code ${MPCONFIG=...}} from
 * MicroProfile Config at deployment, so the embedded H2 default and a production PostgreSQL differ
 * only in configuration. WildFly defines {@code java:app/jdbc/lockstep} itself
 * (server-config/wildfly).
 */
@DataSourceDefinition(
    name = "java:app/jdbc/lockstep",
    className = "${MPCONFIG=lockstep.datasource.class-name}",
    url = "${MPCONFIG=lockstep.datasource.url}",
    user = "${MPCONFIG=lockstep.datasource.user}",
    password = "${MPCONFIG=lockstep.datasource.password}",
    minPoolSize = 1,
    maxPoolSize = 32)
public class LockstepDataSource {}
