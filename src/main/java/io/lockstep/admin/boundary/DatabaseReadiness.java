package io.lockstep.admin.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while a query on Lockstep's own schema answers. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  @Resource(lookup = "java:app/jdbc/lockstep")
  DataSource dataSource;

  /**
   * Created with the application, where its naming context is at hand: WildFly calls health checks
   * on a management thread, where {@code java:app} cannot be looked up to inject the datasource.
   */
  void createdAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {}

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("database");
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(5);
      try (ResultSet users = statement.executeQuery("SELECT COUNT(*) FROM users")) {
        users.next();
        return response
            .up()
            .withData("product", connection.getMetaData().getDatabaseProductName())
            .withData("users", users.getLong(1))
            .build();
      }
    } catch (SQLException e) {
      return response.down().withData("error", String.valueOf(e.getMessage())).build();
    }
  }
}
