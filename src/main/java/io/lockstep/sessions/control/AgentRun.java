package io.lockstep.sessions.control;

import io.lockstep.realtime.control.RoomFanout;
import io.lockstep.sessions.entity.EventType;
import io.lockstep.system.control.JsonMapping;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One prompt being answered on this node. The agent's chunks of text are sent to the session's
 * observers as they come and collected in a streaming buffer under the seq of their event;
 * observers that join late get the buffer at once ({@link #peek()}, which does not clear it). The
 * buffer is written to the database at least every persist interval and at the end of the event, so
 * a crash loses at most one interval of text. All of this happens on the one thread that runs the
 * agent, so the session has a single writer and its events go out in seq order.
 */
final class AgentRun implements AgentSink {

  private static final Logger LOG = Logger.getLogger(AgentRun.class.getName());

  private final AcceptedPrompt prompt;
  private final Agent agent;
  private final AgentSessions sessions;
  private final RoomFanout fanout;
  private final String room;
  private final int maxEventChars;

  /** Orders live delivery against subscribers joining and loads being answered. */
  private final Object streamLock = new Object();

  private final ReentrantLock persisting = new ReentrantLock();
  private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();
  private volatile boolean cancelled;
  private StreamingText current;
  private int persistedLength = -1;

  AgentRun(
      AcceptedPrompt prompt,
      Agent agent,
      AgentSessions sessions,
      RoomFanout fanout,
      int maxEventChars) {
    this.maxEventChars = maxEventChars;
    this.prompt = prompt;
    this.agent = agent;
    this.sessions = sessions;
    this.fanout = fanout;
    this.room = SessionLog.stream(prompt.sessionId());
  }

  Object streamLock() {
    return streamLock;
  }

  /** The streaming event's buffer; call under {@link #streamLock()}. */
  Optional<StreamingText> peek() {
    return Optional.ofNullable(current);
  }

  void run() {
    String status = "completed";
    String error = null;
    try {
      agent.answer(prompt.request(), this);
      if (cancelled) {
        status = "cancelled";
      }
    } catch (AgentException e) {
      status = cancelled ? "cancelled" : "failed";
      error = cancelled ? null : e.getMessage();
      LOG.log(Level.INFO, "Agent failed in session " + prompt.sessionId() + ": " + e.getMessage());
    } catch (SessionNotFoundException gone) {
      LOG.fine(() -> "Session " + prompt.sessionId() + " ended while its agent ran");
      return;
    } catch (Exception e) { // a bug, or a failed commit (on WildFly the checked RollbackException)
      LOG.log(Level.SEVERE, "Agent crashed in session " + prompt.sessionId(), e);
      status = "failed";
      error = "the agent failed unexpectedly";
    }
    try {
      endStreamingText();
      String finalStatus = status;
      String finalError = error;
      sessions
          .complete(prompt.sessionId(), prompt.promptId(), finalStatus, finalError)
          .ifPresent(this::deliver);
    } catch (SessionNotFoundException gone) {
      LOG.fine(() -> "Session " + prompt.sessionId() + " ended while its agent finished");
    }
  }

  void cancel() {
    cancelled = true;
    onCancel.forEach(AgentRun::runQuietly);
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void onCancel(Runnable action) {
    onCancel.add(action);
    if (cancelled) {
      runQuietly(action);
    }
  }

  @Override
  public void message(String text) {
    chunk(EventType.AGENT_MESSAGE, text);
  }

  @Override
  public void thought(String text) {
    chunk(EventType.AGENT_THOUGHT, text);
  }

  @Override
  public void toolCall(String toolCallId, String name, JsonObject input) {
    var data =
        JsonMapping.JSON.createObjectBuilder().add("tool_call_id", toolCallId).add("name", name);
    if (input != null) {
      data.add("input", input);
    }
    event(EventType.TOOL_CALL, data.build());
  }

  @Override
  public void toolUpdate(String toolCallId, String status, JsonObject output) {
    var data =
        JsonMapping.JSON
            .createObjectBuilder()
            .add("tool_call_id", toolCallId)
            .add("status", status);
    if (output != null) {
      data.add("output", output);
    }
    event(EventType.TOOL_UPDATE, data.build());
  }

  /** Appends text to the streaming event, continuing in new events where one would be too long. */
  private void chunk(String type, String text) {
    if (cancelled || text == null || text.isEmpty()) {
      return;
    }
    int from = 0;
    while (from < text.length()) {
      StreamingText streaming = current;
      int space =
          streaming != null && streaming.type().equals(type)
              ? maxEventChars - streaming.text().length()
              : maxEventChars;
      if (space <= 0) {
        endStreamingText();
        continue;
      }
      int to = splitPoint(text, from, Math.min(text.length(), from + space));
      appendChunk(type, text.substring(from, to));
      from = to;
    }
  }

  /** Never between the two halves of a surrogate pair, unless the piece would be empty. */
  private static int splitPoint(String text, int from, int to) {
    if (to < text.length() && to - 1 > from && Character.isHighSurrogate(text.charAt(to - 1))) {
      return to - 1;
    }
    return to;
  }

  private void appendChunk(String type, String text) {
    StreamingText streaming = current;
    if (streaming != null && streaming.type().equals(type)) {
      synchronized (streamLock) {
        int offset = streaming.text().length();
        streaming.text().append(text);
        fanout.continueInStream(room, streaming.seq(), streaming.chunkFrame(offset, text));
      }
      return;
    }
    endStreamingText();
    SessionLog.Appended started =
        sessions.appendFromAgent(
            prompt.sessionId(),
            prompt.promptId(),
            type,
            JsonMapping.JSON.createObjectBuilder().add("text", text).build(),
            true);
    var next =
        new StreamingText(
            prompt.sessionId(), type, started.seq(), started.createdAt(), new StringBuilder(text));
    synchronized (streamLock) {
      current = next;
      persistedLength = text.length();
      fanout.sendInStream(room, next.seq(), next.chunkFrame(0, text));
    }
  }

  private void event(String type, JsonObject data) {
    if (cancelled) {
      return;
    }
    endStreamingText();
    deliver(sessions.appendFromAgent(prompt.sessionId(), prompt.promptId(), type, data, false));
  }

  private void deliver(SessionLog.Appended appended) {
    synchronized (streamLock) {
      fanout.sendInStream(room, appended.seq(), appended.liveFrame(null));
    }
  }

  /** Stores the streaming event whole and closes it. */
  private void endStreamingText() {
    StreamingText streaming = current;
    if (streaming == null) {
      return;
    }
    persist(streaming, false);
    synchronized (streamLock) {
      current = null;
    }
  }

  /** Called every persist interval: stores what the streaming event has grown to. */
  void persistPartial() {
    StreamingText streaming = current;
    if (streaming != null && persist(streaming, true)) {
      return;
    }
    try {
      sessions.promptAlive(prompt.sessionId(), prompt.promptId());
    } catch (SessionNotFoundException gone) {
      cancel();
    }
  }

  /** Stores the streaming's text unless it is stored already; returns whether it wrote. */
  private boolean persist(StreamingText streaming, boolean partial) {
    persisting.lock();
    try {
      JsonObject data;
      synchronized (streamLock) {
        if (partial && (current != streaming || streaming.text().length() == persistedLength)) {
          return false; // ended meanwhile and stored whole, or nothing new
        }
        data = streaming.data();
        persistedLength = partial ? streaming.text().length() : -1;
      }
      sessions.rewriteFromAgent(
          prompt.sessionId(),
          prompt.promptId(),
          streaming.type(),
          streaming.seq(),
          data,
          streaming.createdAt(),
          partial);
      return true;
    } catch (SessionNotFoundException gone) {
      cancel();
      return true;
    } finally {
      persisting.unlock();
    }
  }

  private static void runQuietly(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "A cancel action failed", e);
    }
  }
}
