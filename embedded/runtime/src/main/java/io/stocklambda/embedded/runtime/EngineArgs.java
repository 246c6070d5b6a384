package io.stocklambda.embedded.runtime;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of an engine process: {@code <mode> --key value ...}. Modes are {@code serve}
 * (start the engine and keep it running) and {@code check} (connect to a running one with the real
 * client and report). Engines read it once into their own typed config.
 */
public final class EngineArgs {

  public enum Mode {
    SERVE,
    CHECK
  }

  private final Mode mode;
  private final Map<String, String> values;

  private EngineArgs(Mode mode, Map<String, String> values) {
    this.mode = mode;
    this.values = values;
  }

  public static EngineArgs parse(String[] args) {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: serve|check --key value ...");
    }
    Mode mode =
        switch (args[0]) {
          case "serve" -> Mode.SERVE;
          case "check" -> Mode.CHECK;
          default ->
              throw new IllegalArgumentException(
                  "unknown mode '" + args[0] + "', expected serve or check");
        };
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --key value pairs, got '" + args[i] + "'");
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
    return new EngineArgs(mode, values);
  }

  /** The arguments for a mode, in the form {@link #parse} reads. */
  public static List<String> of(Mode mode, Map<String, String> values) {
    List<String> out = new ArrayList<>();
    out.add(mode.name().toLowerCase(java.util.Locale.ROOT));
    values.forEach(
        (k, v) -> {
          out.add("--" + k);
          out.add(v);
        });
    return out;
  }

  public Mode mode() {
    return mode;
  }

  public String string(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("missing --" + key);
    }
    return value;
  }

  public Path path(String key) {
    return Paths.get(string(key)).toAbsolutePath();
  }

  public int port(String key) {
    String text = string(key);
    try {
      int port = Integer.parseInt(text);
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + key + " must be a port (1 to 65535), was '" + text + "'");
    }
  }
}
