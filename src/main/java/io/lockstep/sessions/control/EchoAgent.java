package io.lockstep.sessions.control;

import io.lockstep.system.control.JsonMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The built-in agent: deterministic, no model server needed. It thinks one line, calls an {@code
 * echo} tool, and streams back "Echo: " and the prompt in {@code lockstep.agent.echo.chunks}
 * chunks, {@code lockstep.agent.echo.delay-ms} apart. A prompt may start with directives that
 * override these, for demos and tests: {@code /chunks N}, {@code /delay MS}, {@code /repeat N} (the
 * answer repeats the text N times), each bounded by {@code lockstep.agent.echo.max-*}.
 */
@ApplicationScoped
public class EchoAgent implements Agent {

  private static final Pattern DIRECTIVE =
      Pattern.compile("^\\s*/(chunks|delay|repeat)\\s+(\\d{1,9})");

  @Inject
  @ConfigProperty(name = "lockstep.agent.echo.chunks", defaultValue = "8")
  int chunks;

  @Inject
  @ConfigProperty(name = "lockstep.agent.echo.delay-ms", defaultValue = "40")
  int delayMillis;

  @Inject
  @ConfigProperty(name = "lockstep.agent.echo.max-chunks", defaultValue = "10000")
  int maxChunks;

  @Inject
  @ConfigProperty(name = "lockstep.agent.echo.max-delay-ms", defaultValue = "10000")
  int maxDelayMillis;

  @Inject
  @ConfigProperty(name = "lockstep.agent.echo.max-repeat", defaultValue = "10000")
  int maxRepeat;

  @Override
  public String adapter() {
    return "echo";
  }

  @Override
  public void answer(AgentRequest request, AgentSink sink) {
    Plan plan = plan(request.prompt());
    var cancelled = new CountDownLatch(1);
    sink.onCancel(cancelled::countDown);
    sink.thought("The user wrote " + plan.text().length() + " characters; I will echo them.");
    sink.toolCall(
        "echo-1", "echo", JsonMapping.JSON.createObjectBuilder().add("text", plan.text()).build());
    sink.toolUpdate(
        "echo-1",
        "completed",
        JsonMapping.JSON.createObjectBuilder().add("length", plan.text().length()).build());
    String answer = "Echo: " + plan.text().repeat(plan.repeat());
    int pieces = Math.max(1, Math.min(plan.chunks(), answer.length()));
    for (int i = 0; i < pieces && !sink.isCancelled(); i++) {
      if (i > 0 && pause(cancelled, plan.delayMillis())) {
        return;
      }
      int from = (int) ((long) answer.length() * i / pieces);
      int to = (int) ((long) answer.length() * (i + 1) / pieces);
      sink.message(answer.substring(from, to));
    }
  }

  /** Waits between chunks; true if the prompt was cancelled meanwhile. */
  private static boolean pause(CountDownLatch cancelled, int millis) {
    try {
      return millis > 0 && cancelled.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  Plan plan(String prompt) {
    int planChunks = chunks;
    int planDelay = delayMillis;
    int repeat = 1;
    String text = prompt;
    Matcher directive = DIRECTIVE.matcher(text);
    while (directive.find()) {
      int value = (int) Math.min(Integer.MAX_VALUE, Long.parseLong(directive.group(2)));
      switch (directive.group(1)) {
        case "chunks" -> planChunks = Math.max(1, Math.min(value, maxChunks));
        case "delay" -> planDelay = Math.min(value, maxDelayMillis);
        default -> repeat = Math.max(1, Math.min(value, maxRepeat));
      }
      text = text.substring(directive.end());
      directive = DIRECTIVE.matcher(text);
    }
    return new Plan(text.strip(), planChunks, planDelay, repeat);
  }

  record Plan(String text, int chunks, int delayMillis, int repeat) {}
}
