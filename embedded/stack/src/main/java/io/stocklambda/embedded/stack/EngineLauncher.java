package io.stocklambda.embedded.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** How the stack starts one engine, knows it is ready, and checks its health from outside. */
interface EngineLauncher {

  Engine engine();

  /** Starts the engine detached, its output appended to {@code log}. */
  Process start(StackPorts ports, Path log) throws IOException;

  /** Whether the engine started as {@code pid} is ready to serve. */
  boolean isReady(long pid, StackPorts ports);

  /**
   * Reaches the engine with its real client and says what it saw.
   *
   * @throws StackException if it is not healthy
   */
  String check(StackPorts ports);

  /** Text in the engine's command line that tells our process from a reused pid. */
  String marker();

  /** How long it may take to become ready. */
  Duration readyTimeout();
}
