package io.lockstep.bench;

import java.nio.file.Path;
import java.util.Arrays;

/** What the benchmark mains share: which of them run, and where the project is. */
final class Bench {

  private Bench() {}

  /**
   * Whether the benchmark of this name runs: all do unless {@code -Dbench.only=name[,name]} names
   * some.
   */
  static boolean selected(String name) {
    String only = System.getProperty("bench.only", "").trim();
    boolean selected =
        only.isEmpty() || Arrays.stream(only.split(",")).anyMatch(n -> n.trim().equals(name));
    if (!selected) {
      System.out.println(name + ": skipped (-Dbench.only=" + only + ")");
    }
    return selected;
  }

  /** A path relative to the project's directory (exec:java may run elsewhere). */
  static Path path(String relative) {
    return Path.of(System.getProperty("bench.basedir", ".")).resolve(relative);
  }
}
