package io.lockstep.admin.boundary;

import io.lockstep.admin.entity.SystemInfo;
import io.lockstep.cluster.control.Cluster;
import io.lockstep.realtime.control.Connections;
import io.lockstep.system.control.Deployment;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PersistenceUnit;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;

@Path("admin/system")
@RequestScoped
@RolesAllowed("admin")
public class SystemResource {

  @Inject Deployment deployment;
  @Inject Cluster cluster;
  @Inject Connections connections;

  @PersistenceUnit(unitName = "lockstep")
  EntityManagerFactory entityManagerFactory;

  @Resource(lookup = "java:app/jdbc/lockstep")
  DataSource dataSource;

  /** Version, JPA provider (proof that Hibernate runs), database and cluster of this node. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public SystemInfo system() throws SQLException {
    String database;
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      database = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
    }
    return new SystemInfo(
        deployment.version(),
        deployment.id(),
        persistenceProvider(),
        database,
        cluster.nodeName(),
        cluster.isDistributed(),
        cluster.nodeNames(),
        connections.count());
  }

  private String persistenceProvider() {
    try {
      return entityManagerFactory.unwrap(SessionFactory.class).getClass().getName();
    } catch (PersistenceException notHibernate) {
      return entityManagerFactory.getClass().getName();
    }
  }
}
