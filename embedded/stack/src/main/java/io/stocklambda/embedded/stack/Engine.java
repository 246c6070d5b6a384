package io.stocklambda.embedded.stack;

import java.util.List;
import java.util.Locale;

/**
 * The engines of the embedded stack, in start order; they stop in the reverse order. Each runs as
 * its own process: the Java engines from their own classpath ({@code lib/embedded-<id>/} in the
 * distribution), Elasticsearch from its own distribution.
 */
public enum Engine {
  KAFKA("io.stocklambda.embedded.kafka.KafkaEngine", List.of("-Xms128m", "-Xmx512m")),
  HDFS(
      "io.stocklambda.embedded.hdfs.HdfsEngine",
      List.of(
          "-Xms128m",
          "-Xmx512m",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED")),
  HBASE(
      "io.stocklambda.embedded.hbase.HBaseEngine",
      List.of(
          "-Xms128m",
          "-Xmx768m",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")),
  ELASTICSEARCH(null, List.of("-Xms1g", "-Xmx1g")),
  /** ResourceManager, NodeManager and JobHistory server; needs {@link #HDFS}. */
  YARN(
      "io.stocklambda.embedded.yarn.YarnEngine",
      List.of(
          "-Xms128m",
          "-Xmx768m",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED")),
  /** Oozie 5.2.1's server with its Derby database; needs {@link #HDFS} and {@link #YARN}. */
  OOZIE(
      "io.stocklambda.embedded.oozie.OozieEngine",
      List.of(
          "-Xms128m",
          "-Xmx512m",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED"));

  private final String mainClass;
  private final List<String> jvmOptions;

  Engine(String mainClass, List<String> jvmOptions) {
    this.mainClass = mainClass;
    this.jvmOptions = jvmOptions;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The entry point of a Java engine; Elasticsearch has its own launcher. */
  String mainClass() {
    return mainClass;
  }

  /**
   * The engines this one cannot run without: YARN keeps its jobs' files in HDFS; Oozie runs its
   * actions on YARN and keeps its sharelib and applications in HDFS.
   */
  public java.util.Set<Engine> requires() {
    return switch (this) {
      case YARN -> java.util.EnumSet.of(HDFS);
      case OOZIE -> java.util.EnumSet.of(HDFS, YARN);
      default -> java.util.EnumSet.noneOf(Engine.class);
    };
  }

  /**
   * Fails if an engine to start needs one that is neither started with it nor running.
   *
   * @throws StackException naming both engines
   */
  static void requireDependencies(
      java.util.Collection<Engine> toStart, java.util.Set<String> running) {
    for (Engine engine : toStart) {
      for (Engine needed : engine.requires()) {
        if (!toStart.contains(needed) && !running.contains(needed.id())) {
          throw new StackException(engine.id() + " needs " + needed.id() + ": add it to --engines");
        }
      }
    }
  }

  /** Heap and module flags; together they keep the whole stack within 5 GB. */
  public List<String> jvmOptions() {
    return jvmOptions;
  }

  /**
   * The environment variable whose JVM options follow the defaults, as HBase's {@code HBASE_OPTS}
   * and Kafka's {@code KAFKA_OPTS}: {@code STOCKLAMBDA_STACK_HBASE_OPTS="-Xmx2g"} (a later {@code
   * -Xmx} wins; the module flags stay).
   */
  public String optionsVariable() {
    return "STOCKLAMBDA_STACK_" + name() + "_OPTS";
  }

  /**
   * The options it starts with: {@link #jvmOptions()}, then those of {@link #optionsVariable()} in
   * {@code environment}, split at white space.
   */
  public List<String> jvmOptions(java.util.function.UnaryOperator<String> environment) {
    String added = environment.apply(optionsVariable());
    if (added == null || added.isBlank()) {
      return jvmOptions;
    }
    List<String> options = new java.util.ArrayList<>(jvmOptions);
    options.addAll(List.of(added.trim().split("\\s+")));
    return List.copyOf(options);
  }

  /** Its directory under {@code lib/} in the distribution. */
  String libDir() {
    return "embedded-" + id();
  }

  /** The artifact whose jar lists its classpath, for runs from the build. */
  String artifactId() {
    return "stocklambda-embedded-" + id();
  }

  public static Engine of(String id) {
    for (Engine engine : values()) {
      if (engine.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
        return engine;
      }
    }
    throw new IllegalArgumentException(
        "unknown engine '" + id + "', expected kafka, hdfs, hbase, elasticsearch, yarn or oozie");
  }
}
