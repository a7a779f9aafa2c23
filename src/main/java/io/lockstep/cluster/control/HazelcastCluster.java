package io.lockstep.cluster.control;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.query.Predicates;
import com.hazelcast.topic.ITopic;
import io.lockstep.cluster.entity.NodeCommand;
import io.lockstep.cluster.entity.RoomDelivery;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The cluster on Payara's data grid. The only class that touches Hazelcast types, so the WAR
 * deploys unchanged where there is no Hazelcast.
 */
class HazelcastCluster implements Cluster {

  private static final String PAYARA_JNDI_NAME = "payara/Hazelcast";
  private static final String DELIVERIES = "lockstep.deliveries";
  private static final String COMMANDS = "lockstep.commands";

  private final HazelcastInstance hazelcast;
  private final ITopic<RoomDelivery> deliveries;
  private final ITopic<NodeCommand> commands;

  private HazelcastCluster(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
    this.deliveries = hazelcast.getReliableTopic(DELIVERIES);
    this.commands = hazelcast.getReliableTopic(COMMANDS);
  }

  /** Payara's running Hazelcast instance, if clustering is on. */
  static Optional<Cluster> fromPayara() {
    try {
      Object found = new InitialContext().lookup(PAYARA_JNDI_NAME);
      if (found instanceof HazelcastInstance instance
          && instance.getLifecycleService().isRunning()) {
        return Optional.of(new HazelcastCluster(instance));
      }
      return Optional.empty();
    } catch (NamingException | RuntimeException notClustered) {
      return Optional.empty();
    }
  }

  @Override
  public String nodeName() {
    return hazelcast.getCluster().getLocalMember().getUuid().toString();
  }

  @Override
  public Set<String> nodeNames() {
    return hazelcast.getCluster().getMembers().stream()
        .map(member -> member.getUuid().toString())
        .collect(Collectors.toSet());
  }

  @Override
  public boolean isDistributed() {
    return true;
  }

  @Override
  public boolean hasOtherNodes() {
    return hazelcast.getCluster().getMembers().size() > 1;
  }

  @Override
  public boolean isHealthy() {
    try {
      return hazelcast.getLifecycleService().isRunning()
          && hazelcast.getCluster().getMembers().contains(hazelcast.getCluster().getLocalMember());
    } catch (RuntimeException stopped) {
      return false;
    }
  }

  @Override
  public <K extends Serializable, V extends Serializable> ConcurrentMap<K, V> map(String name) {
    return hazelcast.getMap(name);
  }

  @Override
  public <V extends Serializable> List<V> valuesByKeyPrefix(String map, String keyPrefix) {
    // "__key" names the entry's key in a Hazelcast predicate
    var matching = Predicates.<String, V>regex("__key", "(?s)" + Pattern.quote(keyPrefix) + ".*");
    return List.copyOf(hazelcast.<String, V>getMap(map).values(matching));
  }

  @Override
  public void publish(RoomDelivery delivery) {
    deliveries.publish(delivery);
  }

  @Override
  public void onDelivery(Consumer<RoomDelivery> receiver) {
    listen(deliveries, RoomDelivery::originNode, receiver);
  }

  @Override
  public void publish(NodeCommand command) {
    commands.publish(command);
  }

  @Override
  public void onCommand(Consumer<NodeCommand> receiver) {
    listen(commands, NodeCommand::originNode, receiver);
  }

  /** Hands the receiver what the other nodes publish on the topic; this node's own is skipped. */
  private <T> void listen(ITopic<T> topic, Function<T, String> origin, Consumer<T> receiver) {
    String self = nodeName();
    topic.addMessageListener(
        message -> {
          T published = message.getMessageObject();
          if (!self.equals(origin.apply(published))) {
            receiver.accept(published);
          }
        });
  }
}
