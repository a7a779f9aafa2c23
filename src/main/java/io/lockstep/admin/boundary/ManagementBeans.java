package io.lockstep.admin.boundary;

import io.lockstep.admin.control.AdminActions;
import io.lockstep.admin.entity.Actor;
import io.lockstep.cluster.control.Cluster;
import io.lockstep.presence.control.UsagePool;
import io.lockstep.presence.entity.ModelUsage;
import io.lockstep.realtime.control.Connections;
import io.lockstep.realtime.control.Rooms;
import io.lockstep.realtime.control.SessionPool;
import io.lockstep.realtime.entity.RoomMember;
import io.lockstep.realtime.entity.SessionEntry;
import io.lockstep.sessions.control.AgentSessions;
import io.lockstep.sessions.entity.RunningPrompt;
import io.lockstep.system.control.Deployment;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers Lockstep's MXBeans ({@code io.lockstep:type=Connections|Rooms|Usage|Deployment}) in the
 * platform MBean server, where Payara's admin console, JConsole and VisualVM find them. Operations
 * act on the whole cluster and are written to the audit log with the actor {@code jmx}.
 *
 * <p>JMX calls arrive on the JMX connector's threads, which know nothing of the application: every
 * call runs on the application's managed executor, so that CDI beans created on the way get their
 * persistence context and transactions work.
 */
@Singleton
@Startup
public class ManagementBeans {

  private static final Logger LOG = Logger.getLogger(ManagementBeans.class.getName());

  @Inject Connections connections;
  @Inject SessionPool sessionPool;
  @Inject Rooms rooms;
  @Inject UsagePool usage;
  @Inject AgentSessions sessions;
  @Inject Cluster cluster;
  @Inject Deployment deployment;
  @Inject AdminActions actions;

  @Resource ManagedExecutorService executor;

  private final List<ObjectName> registered = new ArrayList<>();

  @PostConstruct
  void register() {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    registerBean(server, "Connections", new ConnectionsBean());
    registerBean(server, "Rooms", new RoomsBean());
    registerBean(server, "Usage", new UsageBean());
    registerBean(server, "Deployment", new DeploymentBean());
  }

  @PreDestroy
  void unregister() {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    for (ObjectName name : registered) {
      try {
        server.unregisterMBean(name);
      } catch (JMException e) {
        LOG.log(Level.FINE, e, () -> "Could not unregister " + name);
      }
    }
  }

  private <T> T inApplication(Callable<T> call) {
    try {
      return executor.submit(call).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer within 60 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void registerBean(MBeanServer server, String type, Object bean) {
    try {
      ObjectName name = new ObjectName("io.lockstep:type=" + type);
      if (server.isRegistered(name)) { // left by an earlier deployment in this JVM
        server.unregisterMBean(name);
      }
      server.registerMBean(bean, name);
      registered.add(name);
    } catch (JMException e) {
      LOG.log(Level.WARNING, e, () -> "Could not register the MBean io.lockstep:type=" + type);
    }
  }

  private class ConnectionsBean implements ConnectionsMXBean {
    @Override
    public int getOpenHere() {
      return inApplication(() -> connections.count());
    }

    @Override
    public int getSignedIn() {
      return inApplication(() -> sessionPool.all().size());
    }

    @Override
    public int getUsers() {
      return inApplication(
          () -> (int) sessionPool.all().stream().map(SessionEntry::userId).distinct().count());
    }

    @Override
    public String disconnectUser(String userId) {
      return inApplication(() -> actions.disconnectUser(Actor.JMX, userId).outcome());
    }
  }

  private class RoomsBean implements RoomsMXBean {
    @Override
    public Map<String, Integer> getRoomsByKind() {
      return inApplication(
          () ->
              rooms.allMembers().stream()
                  .map(RoomMember::room)
                  .distinct()
                  .collect(
                      Collectors.groupingBy(
                          room -> room.substring(0, room.indexOf(':')),
                          TreeMap::new,
                          Collectors.summingInt(room -> 1))));
    }

    @Override
    public String endRoom(String room) {
      if (!AdminActions.isRoom(room)) {
        throw new IllegalArgumentException("room must be user:<id>, session:<id> or doc:<id>");
      }
      return inApplication(() -> actions.endRoom(Actor.JMX, room).outcome());
    }
  }

  private class UsageBean implements UsageMXBean {
    @Override
    public Map<String, Integer> getModelsInUse() {
      return inApplication(
          () ->
              usage.inUse().stream()
                  .collect(
                      Collectors.toMap(
                          ModelUsage::model, ModelUsage::connections, Integer::sum, TreeMap::new)));
    }

    @Override
    public int getPromptsRunning() {
      return inApplication(
          () -> (int) sessions.prompting(10_000).stream().filter(RunningPrompt::alive).count());
    }

    @Override
    public String sweep() {
      return inApplication(() -> actions.sweepUsage(Actor.JMX).outcome());
    }
  }

  private class DeploymentBean implements DeploymentMXBean {
    @Override
    public String getVersion() {
      return inApplication(() -> deployment.version());
    }

    @Override
    public String getDeploymentId() {
      return inApplication(() -> deployment.id());
    }

    @Override
    public String getNode() {
      return inApplication(() -> cluster.nodeName());
    }

    @Override
    public List<String> getNodes() {
      return inApplication(() -> cluster.nodeNames().stream().sorted().toList());
    }

    @Override
    public String announce() {
      return inApplication(() -> actions.announceDeployment(Actor.JMX).outcome());
    }
  }
}
