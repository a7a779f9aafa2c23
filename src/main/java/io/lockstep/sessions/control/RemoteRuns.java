package io.lockstep.sessions.control;

import io.lockstep.cluster.control.Cluster;
import io.lockstep.cluster.entity.NodeCommand;
import io.lockstep.cluster.entity.NodeCommand.Kind;
import io.lockstep.realtime.control.RoomFanout;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Reaches a prompt that runs on another node of the cluster: a cancel, or a peek for an observer
 * that subscribed here while the answer streams there. The node that runs the prompt acts; the
 * others ignore the command.
 */
@ApplicationScoped
public class RemoteRuns {

  private static final Logger LOG = Logger.getLogger(RemoteRuns.class.getName());

  @Inject Cluster cluster;
  @Inject PromptRuns runs;
  @Inject RoomFanout fanout;

  // commands act off the data grid's event thread: a peek publishes to the grid itself
  @Resource ManagedExecutorService executor;

  void listen(@Observes @Initialized(ApplicationScoped.class) Object started) {
    cluster.onCommand(command -> executor.execute(() -> received(command)));
  }

  /** Asks the node that runs the session's prompt to cancel it; false if not clustered. */
  public boolean cancel(String sessionId) {
    if (!cluster.isDistributed()) {
      return false;
    }
    cluster.publish(new NodeCommand(Kind.CANCEL, sessionId, cluster.nodeName()));
    return true;
  }

  /**
   * Asks the node that streams the session's answer to send its buffer to the session's room as the
   * event's start: connections that already have the event refuse it (their stream cursor admits
   * each seq once), the one that just subscribed takes it, then the live chunks continue it.
   */
  public void peek(String sessionId) {
    if (cluster.isDistributed()) {
      cluster.publish(new NodeCommand(Kind.PEEK, sessionId, cluster.nodeName()));
    }
  }

  private void received(NodeCommand command) {
    String sessionId = command.target();
    switch (command.kind()) {
      case CANCEL -> {
        if (runs.cancel(sessionId)) {
          LOG.fine(() -> "Cancelled the prompt of " + sessionId + " for " + command.originNode());
        }
      }
      case PEEK ->
          runs.underStreamLock(
              sessionId,
              streaming -> {
                streaming.ifPresent(
                    text ->
                        fanout.sendInStream(
                            SessionLog.stream(sessionId), text.seq(), text.peekFrame()));
                return null;
              });
      default -> {} // not about prompts
    }
  }
}
