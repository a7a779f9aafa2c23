package io.lockstep.system.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.hibernate.SessionFactory;

/**
 * Brings the schema up to date with the Liquibase changelog at deployment, then has Hibernate
 * validate its mapping against the result. Liquibase is the only way the schema changes; a mapping
 * that does not match it stops the deployment instead of failing later at the first query.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseSchema {

  static final String CHANGELOG = "liquibase/changelog.xml";
  private static final Logger LOG = Logger.getLogger(DatabaseSchema.class.getName());

  @Resource(lookup = "java:app/jdbc/lockstep")
  DataSource dataSource;

  @PersistenceUnit(unitName = "lockstep")
  EntityManagerFactory entityManagerFactory;

  @PostConstruct
  void migrateAndValidate() {
    try (Connection connection = dataSource.getConnection()) {
      Database database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      var liquibase =
          new Liquibase(
              CHANGELOG,
              new ClassLoaderResourceAccessor(DatabaseSchema.class.getClassLoader()),
              database);
      liquibase.update();
      LOG.info(() -> "Database schema is up to date on " + database.getDatabaseProductName());
    } catch (SQLException | LiquibaseException e) {
      throw new IllegalStateException(
          "Could not migrate the database schema: " + e.getMessage(), e);
    }
    entityManagerFactory.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
  }
}
