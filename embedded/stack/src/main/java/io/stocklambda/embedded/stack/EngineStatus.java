package io.stocklambda.embedded.stack;

import io.stocklambda.core.progress.ChildProcesses;
import java.util.OptionalLong;

/** One engine as {@code stack status} sees it: process, health from its real client, memory. */
public record EngineStatus(
    Engine engine,
    long pid,
    String endpoint,
    boolean running,
    boolean healthy,
    String detail,
    OptionalLong residentBytes) {
  /**
   * An engine's status: is its process ours and alive, does its own client reach it, its memory.
   */
  static EngineStatus check(
      Engine engine, StackState.Running running, StackPorts ports, EngineLauncher launcher) {
    if (Processes.ours(running.pid(), launcher.marker()).isEmpty()) {
      return new EngineStatus(
          engine,
          running.pid(),
          running.endpoint(),
          false,
          false,
          "not running",
          java.util.OptionalLong.empty());
    }
    try {
      return new EngineStatus(
          engine,
          running.pid(),
          running.endpoint(),
          true,
          true,
          launcher.check(ports),
          ChildProcesses.residentBytes(running.pid()));
    } catch (StackException e) {
      return new EngineStatus(
          engine,
          running.pid(),
          running.endpoint(),
          true,
          false,
          e.getMessage(),
          ChildProcesses.residentBytes(running.pid()));
    }
  }
}
