package io.stocklambda.embedded.stack;

import io.stocklambda.core.progress.ChildProcesses;
import io.stocklambda.embedded.runtime.EngineArgs;
import io.stocklambda.embedded.runtime.ReadyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka, HDFS and HBase: a JVM each, with the engine's own classpath and the engine runtime's life
 * cycle.
 */
final class JavaEngineLauncher implements EngineLauncher {

  private final Engine engine;
  private final Path dir;

  JavaEngineLauncher(Engine engine, Path stackDir) {
    this.engine = engine;
    this.dir = stackDir.resolve(engine.id()).toAbsolutePath();
  }

  @Override
  public Engine engine() {
    return engine;
  }

  @Override
  public Process start(StackPorts ports, Path log) throws IOException {
    Files.createDirectories(dir);
    ReadyFile.delete(readyFile());
    return ChildProcesses.background(
        command(EngineArgs.Mode.SERVE, ports, engine.jvmOptions(System::getenv)), log);
  }

  @Override
  public boolean isReady(long pid, StackPorts ports) {
    return ReadyFile.read(readyFile()).map(r -> r[0] == pid).orElse(false);
  }

  @Override
  public String check(StackPorts ports) {
    List<String> command =
        command(EngineArgs.Mode.CHECK, ports, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
    try {
      ChildProcesses.Completed check = ChildProcesses.run(command, Duration.ofSeconds(90));
      String last = lastLine(check.output());
      if (check.exitCode() != 0) {
        throw new StackException(last);
      }
      return last;
    } catch (IllegalStateException e) {
      throw new StackException(engine.id() + " check did not answer in 90 s");
    } catch (java.io.UncheckedIOException e) {
      throw new StackException("cannot run the " + engine.id() + " check: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while checking " + engine.id(), e);
    }
  }

  @Override
  public String marker() {
    return "-Dstocklambda.engine.dir=" + dir;
  }

  @Override
  public Duration readyTimeout() {
    return engine == Engine.HBASE || engine == Engine.YARN || engine == Engine.OOZIE
        ? Duration.ofMinutes(4)
        : Duration.ofMinutes(2);
  }

  private Path readyFile() {
    return dir.resolve("ready");
  }

  private List<String> command(EngineArgs.Mode mode, StackPorts ports, List<String> jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(EngineRuntime.java());
    // first, so that it survives the truncation of long command lines by ProcessHandle.Info
    command.add(marker());
    command.addAll(jvmOptions);
    // the distribution's logging configuration, or the one each engine jar carries under its own
    // name
    command.add(
        "-Dlogback.configurationFile="
            + EngineRuntime.logbackConfig()
                .map(Object::toString)
                .orElse("stocklambda-engine-logback.xml"));
    command.add("-cp");
    command.add(EngineRuntime.classpath(engine));
    command.add(engine.mainClass());
    Map<String, String> args = new LinkedHashMap<>();
    args.put("dir", dir.toString());
    ports.of(engine).forEach((name, port) -> args.put(name, Integer.toString(port)));
    // where the engines it needs are: --hdfs hdfs://127.0.0.1:8020
    engine
        .requires()
        .forEach(
            needed ->
                args.put(needed.id(), new Endpoints(ports, dir.getParent()).argument(needed)));
    command.addAll(EngineArgs.of(mode, args));
    return command;
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\\R");
    return lines.length == 0 ? "" : lines[lines.length - 1];
  }
}
