package io.lockstep.it;

import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test against the packaged WAR on a real Payara Micro, started once per test class
 * and reached over loopback at {@link #base}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class DeployedLockstep {

  @Deployment(testable = false)
  public static WebArchive deployment() {
    return Lockstep.war();
  }

  @ArquillianResource URL deployed;
  protected URI base;

  @BeforeEach
  void loopback() {
    base = Lockstep.loopback(deployed);
  }
}
