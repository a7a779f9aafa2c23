package io.lockstep.sessions.boundary;

import io.lockstep.metrics.control.Meters;
import io.lockstep.realtime.control.FrameException;
import io.lockstep.realtime.control.FrameHandler;
import io.lockstep.realtime.control.Frames;
import io.lockstep.realtime.control.Inbound;
import io.lockstep.realtime.control.RealtimeSettings;
import io.lockstep.realtime.control.StreamCursor;
import io.lockstep.realtime.entity.ErrorCode;
import io.lockstep.realtime.entity.StreamEvent;
import io.lockstep.sessions.control.PromptRuns;
import io.lockstep.sessions.control.SessionLog;
import io.lockstep.sessions.control.StreamingText;
import io.lockstep.sessions.entity.EventsLoaded;
import io.lockstep.sessions.entity.LoadEvents;
import io.lockstep.sessions.entity.SessionState;
import io.lockstep.system.control.Utf8;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code load_events}: the document's three flows. Initial load (neither seq): the last {@code
 * limit} events. Pagination ({@code before_seq}): the {@code limit} events before it, {@code
 * prepend: true}. Sync ({@code after_seq}): the events after it, oldest first; if {@code after_seq}
 * is past the log (a stale client), an initial load marked {@code stale}, and {@code lastSentSeq}
 * is never reset. The reply never exceeds the frame limit: it drops the oldest events (the newest,
 * for a sync, so it leaves no gap) and sets {@code has_more}. It leaves out events this connection
 * already received live.
 */
@ApplicationScoped
public class LoadEventsHandler implements FrameHandler<LoadEvents> {

  static final int ENVELOPE_BYTES = 1024;

  @Inject Meters meters;
  @Inject SessionAccess access;
  @Inject SessionLog log;
  @Inject PromptRuns runs;
  @Inject RealtimeSettings settings;

  @Inject
  @ConfigProperty(name = "lockstep.sessions.default-load-limit", defaultValue = "50")
  int defaultLimit;

  @Inject
  @ConfigProperty(name = "lockstep.sessions.max-load-limit", defaultValue = "500")
  int maxLimit;

  @Override
  public String type() {
    return "load_events";
  }

  @Override
  public Class<LoadEvents> payloadType() {
    return LoadEvents.class;
  }

  @Override
  public void handle(Inbound<LoadEvents> frame) throws FrameException {
    LoadEvents request = frame.payload();
    if (request.beforeSeq() != null && request.afterSeq() != null) {
      throw new FrameException(ErrorCode.BAD_REQUEST, "send before_seq or after_seq, not both");
    }
    String id = request.sessionId();
    access.state(frame.caller(), id);
    int limit = Math.min(request.limit() == null ? defaultLimit : request.limit(), maxLimit);
    runs.underStreamLock(
        id,
        streaming -> {
          SessionState state = access.current(id).orElse(new SessionState(id, 0, false, false));
          Page page = read(request, state.maxSeq(), limit, streaming);
          StreamCursor cursor = frame.connection().cursor(SessionLog.stream(id));
          List<Loaded> sent =
              cursor == null ? page.events() : cursor.admitReply(page.events(), Loaded::seq);
          frame
              .connection()
              .send(
                  Frames.withEvents(
                      "events_loaded",
                      frame.id(),
                      new EventsLoaded(
                          id,
                          page.hasMore(),
                          page.firstSeq(),
                          page.lastSeq(),
                          state.maxSeq(),
                          state.maxSeq(),
                          page.prepend(),
                          state.isPrompting(),
                          page.stale() ? true : null),
                      sent.stream().map(Loaded::frame).toList()));
          meters.replayed(sent.size());
          return null;
        });
  }

  private Page read(LoadEvents request, long maxSeq, int limit, Optional<StreamingText> streaming) {
    String id = request.sessionId();
    Long after = request.afterSeq();
    if (after != null && after <= maxSeq) {
      List<Loaded> events = loaded(log.after(id, after, limit), streaming);
      List<Loaded> kept = keepOldestWithinBudget(events);
      long last = kept.isEmpty() ? after : kept.get(kept.size() - 1).seq();
      return new Page(
          kept, kept.isEmpty() ? 0 : kept.get(0).seq(), last, last < maxSeq, false, false);
    }
    boolean pagination = request.beforeSeq() != null;
    long before = pagination ? request.beforeSeq() : Long.MAX_VALUE;
    List<Loaded> kept =
        keepNewestWithinBudget(loaded(log.lastBefore(id, before, limit), streaming));
    long first = kept.isEmpty() ? 0 : kept.get(0).seq();
    long last = kept.isEmpty() ? 0 : kept.get(kept.size() - 1).seq();
    return new Page(kept, first, last, first > 1, pagination, after != null);
  }

  /** The stored frames; the event that streams now is taken from its buffer, which is newer. */
  private static List<Loaded> loaded(List<StreamEvent> events, Optional<StreamingText> streaming) {
    List<Loaded> loaded = new ArrayList<>(events.size());
    for (StreamEvent event : events) {
      String frame =
          streaming
              .filter(text -> text.seq() == event.seq())
              .map(StreamingText::storedFrame)
              .orElse(event.payload());
      loaded.add(new Loaded(event.seq(), frame));
    }
    return loaded;
  }

  private List<Loaded> keepOldestWithinBudget(List<Loaded> events) {
    long budget = budget();
    List<Loaded> kept = new ArrayList<>();
    for (Loaded event : events) {
      budget -= event.bytes();
      if (budget < 0 && !kept.isEmpty()) {
        break;
      }
      kept.add(event);
    }
    return kept;
  }

  private List<Loaded> keepNewestWithinBudget(List<Loaded> events) {
    long budget = budget();
    int from = events.size();
    while (from > 0) {
      budget -= events.get(from - 1).bytes();
      if (budget < 0 && from < events.size()) {
        break;
      }
      from--;
    }
    return events.subList(from, events.size());
  }

  private long budget() {
    return settings.maxFrameBytes() - (long) ENVELOPE_BYTES;
  }

  record Loaded(long seq, String frame) {
    long bytes() {
      return Utf8.length(frame) + 1L;
    }
  }

  record Page(
      List<Loaded> events,
      long firstSeq,
      long lastSeq,
      boolean hasMore,
      boolean prepend,
      boolean stale) {}
}
