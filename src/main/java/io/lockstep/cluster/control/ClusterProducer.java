package io.lockstep.cluster.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.logging.Logger;

/** Chooses the cluster: Payara's Hazelcast when it runs, in memory otherwise. */
@ApplicationScoped
public class ClusterProducer {

  private static final Logger LOG = Logger.getLogger(ClusterProducer.class.getName());

  @Produces
  @ApplicationScoped
  Cluster cluster() {
    Cluster cluster;
    try {
      cluster = HazelcastCluster.fromPayara().orElseGet(LocalCluster::new);
    } catch (LinkageError noHazelcastOnThisServer) {
      cluster = new LocalCluster();
    }
    Cluster chosen = cluster;
    LOG.info(
        () ->
            (chosen.isDistributed() ? "Clustered on Hazelcast" : "Running as a single node")
                + ", this node is "
                + chosen.nodeName());
    return chosen;
  }
}
