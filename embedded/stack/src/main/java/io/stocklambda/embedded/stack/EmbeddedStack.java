package io.stocklambda.embedded.stack;

import io.stocklambda.core.progress.ChildProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The embedded stack in one directory: starts the engines as detached processes and waits until
 * each is really ready, records them in {@code stack.json}, checks them, and stops them cleanly in
 * reverse order. Data stays in the directory, so {@code up} after {@code down} finds it again.
 */
public final class EmbeddedStack {

  /** How long an engine gets to stop cleanly before it is killed. */
  static final Duration STOP_GRACE = Duration.ofSeconds(90);

  private static final Duration POLL = Duration.ofMillis(200);

  private final Path dir;
  private final Consumer<String> log;
  private final ElasticsearchSecurity security;

  public EmbeddedStack(Path dir, Consumer<String> log) {
    this(dir, log, null);
  }

  /**
   * A stack whose Elasticsearch runs with security on (null: off): what a secured cluster looks
   * like to the serving layer.
   */
  public EmbeddedStack(Path dir, Consumer<String> log, ElasticsearchSecurity security) {
    this.dir = dir.toAbsolutePath().normalize();
    this.log = log;
    this.security = security;
  }

  public Path dir() {
    return dir;
  }

  public Optional<StackState> state() {
    return StackState.load(dir);
  }

  /** Where the running engines are; the ports of the last {@code up}. */
  public Endpoints endpoints() {
    return new Endpoints(
        state().orElseThrow(() -> new StackException("no stack is running in " + dir)).ports(),
        dir);
  }

  /**
   * Starts those of {@code engines} that are not running yet and waits until each is ready. Ports
   * are checked before anything starts; if one engine fails, those started by this call are stopped
   * again.
   *
   * @throws StackException naming the engine and what went wrong (a taken port, a crash with the
   *     end of its log, a deadline)
   */
  public StackState up(Set<Engine> engines, StackPorts ports) {
    StackState state = live(ports);
    if (!state.engines().isEmpty() && !state.ports().equals(ports)) {
      throw new StackException(
          "the stack in "
              + dir
              + " already runs "
              + state.engines().keySet()
              + " on other ports; "
              + "run 'stocklambda stack down --dir "
              + dir
              + "' first");
    }
    List<Engine> toStart = new ArrayList<>();
    for (Engine engine : EnumSet.copyOf(engines)) {
      Optional<StackState.Running> running = state.running(engine);
      if (running.isPresent()) {
        log.accept(
            String.format(
                "%-13s already running at %s (pid %d)",
                engine.id(), running.get().endpoint(), running.get().pid()));
      } else {
        toStart.add(engine);
      }
    }
    Engine.requireDependencies(toStart, state.engines().keySet());
    toStart.forEach(ports::requireFree);
    if (toStart.isEmpty()) {
      return state;
    }
    Map<Engine, Started> started = new LinkedHashMap<>();
    Thread abort =
        new Thread(
            () ->
                started
                    .values()
                    .forEach(s -> ChildProcesses.stop(s.process.toHandle(), STOP_GRACE)));
    Runtime.getRuntime().addShutdownHook(abort);
    try {
      for (Engine engine : toStart) {
        started.put(engine, launch(engine, ports));
      }
      for (Started s : started.values()) {
        StackState.Running running = awaitReady(s, ports);
        state = state.with(s.launcher.engine(), running);
        state.save(dir);
      }
      return state;
    } catch (RuntimeException e) {
      List<Started> reverse = new ArrayList<>(started.values());
      Collections.reverse(reverse);
      for (Started s : reverse) {
        ChildProcesses.stop(s.process.toHandle(), STOP_GRACE);
        state = state.without(s.launcher.engine());
      }
      state.save(dir);
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(abort);
      } catch (IllegalStateException shuttingDown) {
        // the hook is stopping what was started
      }
    }
  }

  /** Each recorded engine: is its process alive, does its real client reach it, how much memory. */
  public List<EngineStatus> status() {
    StackState state = state().orElse(null);
    if (state == null) {
      return List.of();
    }
    List<CompletableFuture<EngineStatus>> checks = new ArrayList<>();
    for (Engine engine : Engine.values()) {
      state
          .running(engine)
          .ifPresent(
              r ->
                  checks.add(
                      CompletableFuture.supplyAsync(
                          () -> EngineStatus.check(engine, r, state.ports(), launcher(engine)))));
    }
    return checks.stream().map(CompletableFuture::join).toList();
  }

  /** Stops every recorded engine, in reverse start order, cleanly where it can; the data stays. */
  public void down() {
    StackState state = state().orElse(null);
    if (state == null) {
      log.accept("nothing running in " + dir);
      return;
    }
    List<Engine> order = new ArrayList<>(List.of(Engine.values()));
    Collections.reverse(order);
    for (Engine engine : order) {
      state = stopOne(state, engine);
    }
    log.accept("data stays in " + dir);
  }

  /**
   * Stops one engine cleanly (an outage, for tests of what survives one); its data stays and {@link
   * #up} starts it again on the same ports.
   */
  public void stop(Engine engine) {
    state().ifPresent(state -> stopOne(state, engine));
  }

  private StackState stopOne(StackState state, Engine engine) {
    Optional<StackState.Running> running = state.running(engine);
    if (running.isEmpty()) {
      return state;
    }
    long pid = running.get().pid();
    Optional<ProcessHandle> process = Processes.ours(pid, launcher(engine).marker());
    if (process.isEmpty()) {
      log.accept(String.format("%-13s was not running (pid %d is gone)", engine.id(), pid));
    } else {
      long start = System.nanoTime();
      boolean clean = ChildProcesses.stop(process.get(), STOP_GRACE);
      log.accept(
          String.format(
              clean
                  ? "%-13s stopped in %.1f s (pid %d)"
                  : "%-13s did not stop in %.0f s and was killed (pid %d)",
              engine.id(),
              clean ? (System.nanoTime() - start) / 1e9 : STOP_GRACE.toSeconds(),
              pid));
    }
    StackState without = state.without(engine);
    without.save(dir);
    return without;
  }

  /** The recorded state without engines whose process is gone. */
  private StackState live(StackPorts requested) {
    StackState state = state().orElse(new StackState(requested, Map.of()));
    for (Engine engine : Engine.values()) {
      Optional<StackState.Running> running = state.running(engine);
      if (running.isPresent()
          && Processes.ours(running.get().pid(), launcher(engine).marker()).isEmpty()) {
        state = state.without(engine);
      }
    }
    return state.engines().isEmpty() ? new StackState(requested, Map.of()) : state;
  }

  private Started launch(Engine engine, StackPorts ports) {
    EngineLauncher launcher = launcher(engine);
    Path log = logFile(engine);
    try {
      Files.createDirectories(log.getParent());
      Process process = launcher.start(ports, log);
      this.log.accept(
          String.format("%-13s starting (pid %d), log %s", engine.id(), process.pid(), log));
      return new Started(launcher, process, Instant.now(), System.nanoTime(), log);
    } catch (IOException e) {
      throw new StackException("cannot start " + engine.id() + ": " + e.getMessage(), e);
    }
  }

  private StackState.Running awaitReady(Started s, StackPorts ports) {
    Engine engine = s.launcher.engine();
    long deadline = s.nanos + s.launcher.readyTimeout().toNanos();
    while (!s.launcher.isReady(s.process.pid(), ports)) {
      if (!s.process.isAlive()) {
        throw new StackException(
            engine.id()
                + " exited with status "
                + s.process.exitValue()
                + " before it was ready; the end of "
                + s.log
                + ":"
                + System.lineSeparator()
                + Processes.tail(s.log, 25));
      }
      if (System.nanoTime() > deadline) {
        throw new StackException(
            engine.id()
                + " was not ready after "
                + s.launcher.readyTimeout().toSeconds()
                + " s; the end of "
                + s.log
                + ":"
                + System.lineSeparator()
                + Processes.tail(s.log, 25));
      }
      sleep();
    }
    long millis = (System.nanoTime() - s.nanos) / 1_000_000;
    String endpoint = new Endpoints(ports, dir).of(engine);
    log.accept(
        String.format(
            "%-13s ready at %s (pid %d, started %s, ready in %.1f s)",
            engine.id(),
            endpoint,
            s.process.pid(),
            LocalTime.ofInstant(s.startedAt, java.time.ZoneId.systemDefault())
                .truncatedTo(ChronoUnit.SECONDS),
            millis / 1000.0));
    return new StackState.Running(s.process.pid(), endpoint, s.startedAt, millis);
  }

  private EngineLauncher launcher(Engine engine) {
    return engine == Engine.ELASTICSEARCH
        ? new ElasticsearchLauncher(dir, security)
        : new JavaEngineLauncher(engine, dir);
  }

  public Path logFile(Engine engine) {
    return dir.resolve("logs").resolve(engine.id() + ".log");
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while waiting for the stack", e);
    }
  }

  private record Started(
      EngineLauncher launcher, Process process, Instant startedAt, long nanos, Path log) {}
}
