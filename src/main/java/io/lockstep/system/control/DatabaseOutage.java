package io.lockstep.system.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Tells a failure caused by the database being away (stopped, restarting, unreachable) from a bug,
 * so that callers get "unavailable, try again" instead of "internal error". A failure that came
 * from JDBC or JPA counts as an outage only if the database does not answer a trivial query now:
 * the drivers' and pools' exceptions for a lost connection differ too much to match by type.
 */
@ApplicationScoped
public class DatabaseOutage {

  private static final Logger LOG = Logger.getLogger(DatabaseOutage.class.getName());
  private static final int MAX_CAUSES = 20;

  @Resource(lookup = "java:app/jdbc/lockstep")
  DataSource dataSource;

  public boolean explains(Throwable failure) {
    return cameFromTheDatabase(failure) && !reachable();
  }

  static boolean cameFromTheDatabase(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
      if (cause instanceof SQLException
          || cause instanceof PersistenceException
          || cause.getClass().getName().startsWith("jakarta.resource.")) {
        return true;
      }
      cause = cause.getCause();
    }
    return false;
  }

  private boolean reachable() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(2);
      statement.execute("SELECT 1");
      return true;
    } catch (SQLException | RuntimeException e) {
      LOG.warning(() -> "The database does not answer: " + e.getMessage());
      return false;
    }
  }
}
