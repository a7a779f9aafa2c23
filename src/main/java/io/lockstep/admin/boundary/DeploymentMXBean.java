package io.lockstep.admin.boundary;

import java.util.List;

/** {@code io.lockstep:type=Deployment}: what runs where, and the "new deployment" announcement. */
public interface DeploymentMXBean {

  String getVersion();

  String getDeploymentId();

  String getNode();

  List<String> getNodes();

  /** Tells every connected client to reload into the new deployment; returns the audit outcome. */
  String announce();
}
