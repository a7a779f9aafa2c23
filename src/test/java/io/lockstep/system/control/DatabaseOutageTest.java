package io.lockstep.system.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionalException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

  @Test
  void failuresFromJdbcJpaAndJtaAreCandidatesWhereverTheySitInTheChain() {
    assertTrue(DatabaseOutage.cameFromTheDatabase(new SQLTransientConnectionException("gone")));
    assertTrue(
        DatabaseOutage.cameFromTheDatabase(
            new IllegalStateException(new PersistenceException("no connection"))));
    assertTrue(
        DatabaseOutage.cameFromTheDatabase(
            new TransactionalException("commit failed", new SystemException("CORBA INTERNAL"))));
  }

  @Test
  void bugsAreNotOutages() {
    assertFalse(DatabaseOutage.cameFromTheDatabase(new NullPointerException()));
    assertFalse(
        DatabaseOutage.cameFromTheDatabase(new IllegalStateException(new ArithmeticException())));
  }
}
