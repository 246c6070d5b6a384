package io.stocklambda.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import one.convert.Arguments;
import one.convert.JfrToFlame;

/**
 * A CPU profile of the engine under test with async-profiler (Pangin and Stadnik,
 * github.com/async-profiler): the agent is loaded into the engine's JVM at start and samples every
 * thread's stack, Java and native, every {@value #INTERVAL_MS} ms of CPU time; its JFR recording,
 * cut to the measured run by wall-clock time, becomes an HTML flame graph and a summary: the share
 * of samples per thread group and per cost centre (a sample counts for the first category found
 * from its leaf frame down: JSON, RocksDB, producer, ...) and the frames with the most self time.
 */
final class SpeedProfile {

  static final int INTERVAL_MS = 1;

  /** Cost centres, the first match from the leaf down decides; patterns on collapsed frames. */
  private static final Map<String, Pattern> CATEGORIES = new LinkedHashMap<>();

  static {
    CATEGORIES.put("JSON (Jackson)", Pattern.compile("com/fasterxml/jackson|JsonCodec"));
    CATEGORIES.put("state encoding (StockStateCodec)", Pattern.compile("StockStateCodec"));
    CATEGORIES.put("compression (lz4)", Pattern.compile("lz4|jpountz|Lz4"));
    CATEGORIES.put("RocksDB (JNI and native)", Pattern.compile("org/rocksdb|rocksdb::"));
    CATEGORIES.put(
        "state store layers (cache, changelog, metered)",
        Pattern.compile("org/apache/kafka/streams/state/internals"));
    CATEGORIES.put(
        "producer, transactions, record batches",
        Pattern.compile(
            "org/apache/kafka/clients/producer|org/apache/kafka/common/record|TransactionManager"));
    CATEGORIES.put(
        "consumer, fetch, deserialization", Pattern.compile("org/apache/kafka/clients/consumer"));
    CATEGORIES.put(
        "network and I/O",
        Pattern.compile(
            "org/apache/kafka/common/network|sun/nio|java/nio/channels|epoll"
                + "|^(__libc_)?(send|recv|sendto|recvfrom|sendmsg|recvmsg|write|read|writev|readv)"
                + "(_\\[k\\])?$"));
    CATEGORIES.put(
        "scoring (core: window, features, model)", Pattern.compile("io/stocklambda/core"));
    CATEGORIES.put("speed layer processor", Pattern.compile("io/stocklambda/speed"));
    CATEGORIES.put("Kafka Streams runtime", Pattern.compile("org/apache/kafka/streams"));
    CATEGORIES.put("metrics and logging", Pattern.compile("metrics|logback|slf4j"));
    CATEGORIES.put(
        "garbage collection and VM operations",
        Pattern.compile("GC Thread|G1|PSPromotion|PSScavenge|ParallelGC|GCTask|VM Thread"));
    CATEGORIES.put("JIT compiler", Pattern.compile("CompilerThread|C2Compiler|C1Compiler"));
  }

  private final Path work;
  private final String title;

  /** A profile of {@code engine}'s run at {@code rate}, its files in {@code work}. */
  SpeedProfile(Path work, String engine, String rate) {
    this.work = work;
    this.title = "bench speed --cpu-profile: " + engine + " at rate " + rate + ", CPU samples";
  }

  /**
   * The JVM option that loads the agent, sampling from the start (the recording is cut to the
   * measured run afterwards); the agent's library is extracted from its jar into the run's
   * directory.
   *
   * @throws IllegalStateException on another platform than Linux x64
   */
  String agentOption() {
    String arch = System.getProperty("os.arch");
    if (!System.getProperty("os.name").startsWith("Linux")
        || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      throw new IllegalStateException(
          "--cpu-profile needs Linux x64 (async-profiler's library), not " + arch);
    }
    Path library = work.resolve("libasyncProfiler.so");
    try (InputStream in =
        SpeedProfile.class.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
      if (in == null) {
        throw new IllegalStateException("async-profiler's library is not on the classpath");
      }
      Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "-agentpath:"
        + library
        + "=start,event=cpu,interval="
        + INTERVAL_MS
        + "ms,file="
        + recording();
  }

  Path recording() {
    return work.resolve("speed-profile.jfr");
  }

  /**
   * Converts the recording of {@code [fromMs, toMs]} (epoch milliseconds) to {@code
   * <reportDir>/speed-profile.html} and returns the summary, also written beside it as {@code
   * speed-profile.txt}.
   *
   * @throws IOException if the recording is missing (the engine did not exit normally) or
   *     unreadable
   */
  String convert(Path reportDir, long fromMs, long toMs) throws IOException {
    if (!Files.isRegularFile(recording())) {
      throw new IOException("no recording at " + recording() + ": did the engine exit normally?");
    }
    Files.createDirectories(reportDir);
    Path html = reportDir.resolve("speed-profile.html");
    Path collapsed = work.resolve("speed-profile.collapsed");
    String from = Long.toString(fromMs);
    String to = Long.toString(toMs);
    JfrToFlame.convert(
        recording().toString(),
        html.toString(),
        new Arguments(
            "--cpu", "--from", from, "--to", to, "--title", title, "-o", "html", "x.jfr",
            "x.html"));
    JfrToFlame.convert(
        recording().toString(),
        collapsed.toString(),
        new Arguments(
            "--cpu", "--threads", "--from", from, "--to", to, "-o", "collapsed", "x", "y"));
    String summary = summarize(Files.readAllLines(collapsed, StandardCharsets.UTF_8));
    Files.writeString(reportDir.resolve("speed-profile.txt"), summary, StandardCharsets.UTF_8);
    return summary;
  }

  /**
   * The summary of a collapsed profile with thread names as root frames ({@code [name tid=n];a;b;c
   * count} per line): samples per thread group, per cost centre, and the top self frames.
   */
  static String summarize(List<String> collapsed) {
    Map<String, Long> threads = new TreeMap<>();
    Map<String, Long> categories = new LinkedHashMap<>();
    CATEGORIES.keySet().forEach(c -> categories.put(c, 0L));
    categories.put("other", 0L);
    Map<String, Long> leaves = new TreeMap<>();
    long total = 0;
    for (String line : collapsed) {
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      long count = Long.parseLong(line.substring(space + 1).trim());
      String[] frames = line.substring(0, space).split(";");
      total += count;
      threads.merge(threadGroup(frames[0]), count, Long::sum);
      categories.merge(category(frames), count, Long::sum);
      leaves.merge(frames[frames.length - 1], count, Long::sum);
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "CPU samples: %,d (%d ms each)%n", total, INTERVAL_MS));
    out.append("by thread:\n");
    appendShares(out, threads, total, 20);
    out.append("by cost centre (first match from the leaf frame down):\n");
    appendShares(out, categories, total, 20);
    out.append("top self frames:\n");
    appendShares(out, leaves, total, 15);
    return out.toString();
  }

  private static void appendShares(StringBuilder out, Map<String, Long> counts, long total, int n) {
    counts.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(n)
        .forEach(
            e ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "  %5.1f %%  %s%n",
                        100.0 * e.getValue() / Math.max(1, total),
                        e.getKey())));
  }

  /** A thread's group: its name without the numbers that tell instances apart. */
  static String threadGroup(String root) {
    String name = root.replaceFirst("^\\[", "").replaceFirst(" tid=\\d+\\]$", "");
    name = name.replaceAll("-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "");
    return name.replaceAll("\\d+", "N");
  }

  static String category(String[] frames) {
    // the JIT's and the collector's own threads first: their native frames match other patterns
    if (frames[0].contains("CompilerThre")) {
      return "JIT compiler";
    }
    if (frames[0].matches("\\[(GC Thread|G1 |VM Thread|Sweeper).*")) {
      return "garbage collection and VM operations";
    }
    for (int i = frames.length - 1; i >= 0; i--) {
      for (Map.Entry<String, Pattern> c : CATEGORIES.entrySet()) {
        if (c.getValue().matcher(frames[i]).find()) {
          return c.getKey();
        }
      }
    }
    return "other";
  }
}
