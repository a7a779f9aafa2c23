package io.lockstep.system.control;

import jakarta.transaction.TransactionManager;
import jakarta.transaction.UserTransaction;
import java.util.List;
import org.hibernate.engine.jndi.JndiException;
import org.hibernate.engine.transaction.jta.platform.internal.AbstractJtaPlatform;

/**
 * Hibernate's view of the server's transaction manager, found under the JNDI name of whichever
 * server runs the WAR: WildFly ({@code java:jboss/…}) or Payara ({@code java:appserver/…}). One
 * class for both, so that the same {@code persistence.xml} deploys unchanged on either.
 */
public class ServerJtaPlatform extends AbstractJtaPlatform {

  private static final long serialVersionUID = 1L;

  private static final List<String> TRANSACTION_MANAGERS =
      List.of("java:jboss/TransactionManager", "java:appserver/TransactionManager");
  private static final List<String> USER_TRANSACTIONS =
      List.of("java:jboss/UserTransaction", "java:comp/UserTransaction");

  @Override
  protected TransactionManager locateTransactionManager() {
    return (TransactionManager) first(TRANSACTION_MANAGERS);
  }

  @Override
  protected UserTransaction locateUserTransaction() {
    return (UserTransaction) first(USER_TRANSACTIONS);
  }

  private Object first(List<String> names) {
    JndiException last = null;
    for (String name : names) {
      try {
        Object found = jndiService().locate(name);
        if (found != null) {
          return found;
        }
      } catch (JndiException notHere) {
        last = notHere;
      }
    }
    throw new JndiException("none of " + names + " is bound", last);
  }
}
