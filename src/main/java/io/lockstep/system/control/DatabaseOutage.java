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
 * from JDBC, JPA, JTA or the connection pool counts as an outage only if the database does not
 * answer a trivial query now: the exceptions of drivers, pools and transaction managers for a lost
 * connection differ too much to match by type (Payara's is a CORBA error inside a JTA one).
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
      String type = cause.getClass().getName();
      if (cause instanceof SQLException
          || cause instanceof PersistenceException
          || type.startsWith("jakarta.transaction.")
          || type.startsWith("jakarta.resource.")) {
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
