package io.lockstep.cluster.control;

import io.lockstep.cluster.entity.NodeCommand;
import io.lockstep.cluster.entity.RoomDelivery;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * The seam between Lockstep and the data grid: cluster-wide maps and cross-node delivery. {@link
 * HazelcastCluster} serves when Payara's Hazelcast runs, {@link LocalCluster} everywhere else.
 */
public interface Cluster {

  /** This node's name, unique in the cluster. */
  String nodeName();

  /** The names of every node of the cluster, this one included. */
  Set<String> nodeNames();

  boolean isDistributed();

  /**
   * Whether another node is a member right now: with none, nobody would read what is published. A
   * node that joins later starts with no connections, and its clients catch up by seq.
   */
  boolean hasOtherNodes();

  /** Whether this node takes part in the data grid now (always, when there is none). */
  boolean isHealthy();

  /** A map shared by all nodes; its keys and values must be {@link Serializable}. */
  <K extends Serializable, V extends Serializable> ConcurrentMap<K, V> map(String name);

  /**
   * The values of the {@link #map} whose keys start with the prefix. On the data grid the keys are
   * matched where the entries live, so only the matches travel.
   */
  <V extends Serializable> List<V> valuesByKeyPrefix(String map, String keyPrefix);

  /** Hands the delivery to every other node; this node delivers locally itself. */
  void publish(RoomDelivery delivery);

  /** Receives deliveries published by other nodes. */
  void onDelivery(Consumer<RoomDelivery> receiver);

  /** Hands the command to every other node. */
  void publish(NodeCommand command);

  /** Receives commands published by other nodes. */
  void onCommand(Consumer<NodeCommand> receiver);
}
