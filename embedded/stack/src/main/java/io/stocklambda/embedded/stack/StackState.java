package io.stocklambda.embedded.stack;

import io.stocklambda.core.json.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What is running, recorded in {@code <dir>/stack.json}: each engine's pid, endpoint, ports, start
 * time and time to ready, so that {@code status} and {@code down} find them.
 */
public record StackState(StackPorts ports, Map<String, Running> engines) {

  private static final JsonCodec<StackState> CODEC = JsonCodec.of(StackState.class);
  static final String FILE = "stack.json";

  public StackState {
    engines = Map.copyOf(new TreeMap<>(engines));
  }

  /** One running engine. */
  public record Running(long pid, String endpoint, Instant startedAt, long readyMillis) {}

  public static Optional<StackState> load(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(CODEC.decode(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  void save(Path dir) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(FILE);
      if (engines.isEmpty()) {
        Files.deleteIfExists(file);
        return;
      }
      Path tmp = dir.resolve(FILE + ".tmp");
      Files.write(tmp, CODEC.encode(this));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the stack state in " + dir, e);
    }
  }

  StackState with(Engine engine, Running running) {
    Map<String, Running> next = new TreeMap<>(engines);
    next.put(engine.id(), running);
    return new StackState(ports, next);
  }

  StackState without(Engine engine) {
    Map<String, Running> next = new TreeMap<>(engines);
    next.remove(engine.id());
    return new StackState(ports, next);
  }

  Optional<Running> running(Engine engine) {
    return Optional.ofNullable(engines.get(engine.id()));
  }
}
