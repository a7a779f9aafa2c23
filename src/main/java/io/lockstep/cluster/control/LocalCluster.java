package io.lockstep.cluster.control;

import io.lockstep.cluster.entity.NodeCommand;
import io.lockstep.cluster.entity.RoomDelivery;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/** A cluster of one node: plain in-memory maps, nobody to publish to. */
public class LocalCluster implements Cluster {

  private final String nodeName = ManagementFactory.getRuntimeMXBean().getName();
  private final ConcurrentMap<String, ConcurrentMap<?, ?>> maps = new ConcurrentHashMap<>();

  @Override
  public String nodeName() {
    return nodeName;
  }

  @Override
  public Set<String> nodeNames() {
    return Set.of(nodeName);
  }

  @Override
  public boolean isDistributed() {
    return false;
  }

  @Override
  public boolean hasOtherNodes() {
    return false;
  }

  @Override
  public boolean isHealthy() {
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K extends Serializable, V extends Serializable> ConcurrentMap<K, V> map(String name) {
    return (ConcurrentMap<K, V>) maps.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
  }

  @Override
  public <V extends Serializable> List<V> valuesByKeyPrefix(String map, String keyPrefix) {
    ConcurrentMap<String, V> entries = map(map);
    return entries.entrySet().stream()
        .filter(entry -> entry.getKey().startsWith(keyPrefix))
        .map(java.util.Map.Entry::getValue)
        .toList();
  }

  @Override
  public void publish(RoomDelivery delivery) {}

  @Override
  public void onDelivery(Consumer<RoomDelivery> receiver) {}

  @Override
  public void publish(NodeCommand command) {}

  @Override
  public void onCommand(Consumer<NodeCommand> receiver) {}
}
