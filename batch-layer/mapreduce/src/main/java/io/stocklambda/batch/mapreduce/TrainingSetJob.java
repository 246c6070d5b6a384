package io.stocklambda.batch.mapreduce;

import io.stocklambda.core.csv.LineEndings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/**
 * Builds a training set from the whole master dataset: every committed landed file and every
 * archived segment, one line per sliding window ({@link io.stocklambda.core.dataset.TrainingLine}),
 * de-duplicated by (stock, date). Runs with the local runner against {@code hdfs://} or on YARN.
 *
 * <p>Sized for the whole Kaggle set on one small machine: small files are packed into splits
 * ({@link TickFilesInputFormat}), keys are compared serialized, the reducers are counted from the
 * input's size, and the local runner's buffers are sized so that its concurrent tasks share one
 * heap (the shuffle spills to disk rather than failing). Every setting is a default that Hadoop's
 * {@code -D} options override. A set is refused (and deleted) when it read no tick or more
 * malformed lines than {@link TrainingSetConfig#maxMalformed} allows.
 */
public final class TrainingSetJob {

  /** Input per reducer when their number is sized from the input. */
  static final long BYTES_PER_REDUCER = 200L * 1024 * 1024;

  /** Shown when a set is refused. */
  private static final int SHOWN_MALFORMED = 10;

  private final TrainingSetConfig config;
  private final PrintStream out;

  public TrainingSetJob(TrainingSetConfig config, PrintStream out) {
    this.config = config;
    this.out = out;
  }

  /**
   * The job's configuration: {@code base} (with any {@code -D} options) plus the defaults it does
   * not set.
   */
  public Configuration hadoopConfiguration(Configuration base) {
    Configuration conf = new Configuration(base);
    conf.set("fs.defaultFS", config.hdfs());
    conf.set("mapreduce.framework.name", config.framework());
    // core's line contract: only LF ends a line (a lone CR stays in it)
    conf.set("textinputformat.record.delimiter", LineEndings.DELIMITER);
    conf.setInt(WindowsReducer.WINDOW_SIZE, config.windowSize());
    setIfUnset(conf, "dfs.client.block.write.locateFollowingBlock.initial.delay.ms", "20");
    if (config.framework().equals("local")) {
      setIfUnset(conf, "mapreduce.cluster.local.dir", config.scratch() + "/mapred-local");
      setIfUnset(conf, "hadoop.tmp.dir", config.scratch() + "/hadoop-tmp");
      setIfUnset(conf, "mapreduce.local.map.tasks.maximum", "2");
      setIfUnset(conf, "mapreduce.local.reduce.tasks.maximum", "2");
      // two map tasks share this JVM's heap: a split's map output fits its sort buffer in one spill
      setIfUnset(conf, FileInputFormat.SPLIT_MAXSIZE, Long.toString(64L * 1024 * 1024));
      setIfUnset(conf, "mapreduce.task.io.sort.mb", "160");
      // two reducers share it too: Hadoop's 70 % of the heap each would not fit, so each takes 20 %
      // and merges on disk
      setIfUnset(conf, "mapreduce.reduce.shuffle.input.buffer.percent", "0.2");
    } else {
      setIfUnset(conf, FileInputFormat.SPLIT_MAXSIZE, Long.toString(128L * 1024 * 1024));
    }
    return conf;
  }

  private static void setIfUnset(Configuration conf, String key, String value) {
    if (conf.get(key) == null) {
      conf.set(key, value);
    }
  }

  /** Reduce tasks: as configured, or one per {@link #BYTES_PER_REDUCER} of input, at least 2. */
  int reducers(Configuration conf, long inputBytes) {
    String[] sources = conf.getPropertySources("mapreduce.job.reduces");
    boolean given =
        sources != null
            && java.util.Arrays.stream(sources).noneMatch(s -> s.endsWith("-default.xml"));
    if (given && config.reducers() == 0) {
      return conf.getInt("mapreduce.job.reduces", 2); // -D mapreduce.job.reduces=N, or a site file
    }
    return config.reducers() > 0
        ? config.reducers()
        : (int) Math.max(2, (inputBytes + BYTES_PER_REDUCER - 1) / BYTES_PER_REDUCER);
  }

  public Job create(Configuration conf, List<Path> inputs, int reducers) throws IOException {
    Job job = Job.getInstance(conf, "stocklambda training set " + config.run());
    if (config.framework().equals("yarn")) {
      JobJars.ship(job, java.nio.file.Paths.get(config.scratch(), "jars"));
    } else {
      job.setJarByClass(TrainingSetJob.class);
    }
    job.setInputFormatClass(TickFilesInputFormat.class);
    FileInputFormat.setInputPaths(job, inputs.toArray(Path[]::new));
    job.setMapperClass(TicksMapper.class);
    job.setMapOutputKeyClass(StockDateKey.class);
    job.setMapOutputValueClass(TickWritable.class);
    job.setSortComparatorClass(StockDateKey.Comparator.class);
    job.setPartitionerClass(StockPartitioner.class);
    job.setGroupingComparatorClass(StockGroupingComparator.class);
    job.setReducerClass(WindowsReducer.class);
    job.setNumReduceTasks(reducers);
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(Text.class);
    job.setOutputFormatClass(TextOutputFormat.class);
    FileOutputFormat.setOutputPath(job, new Path(config.layout().training(config.run())));
    return job;
  }

  /** Runs the job on a plain Hadoop configuration. */
  public TrainingSetResult run() {
    return run(new Configuration());
  }

  /**
   * Runs the job to its end, reporting progress from its counters; fails with the task's own
   * exception if the job does, and refuses the set (deleting it) if it read no tick or too many
   * malformed lines.
   */
  public TrainingSetResult run(Configuration base) {
    long started = System.nanoTime();
    Configuration conf = hadoopConfiguration(base);
    JobFailures failures = JobFailures.watch();
    try (FileSystem fs = FileSystem.newInstance(conf)) {
      Path output = new Path(config.layout().training(config.run()));
      if (fs.exists(output)) {
        throw new IllegalArgumentException(
            "training set "
                + config.run()
                + " exists already at "
                + fs.makeQualified(output)
                + "; choose another --run");
      }
      List<Path> inputs = MasterInputs.list(fs, config.layout());
      if (inputs.isEmpty()) {
        throw new IllegalArgumentException(
            "the master dataset at "
                + config.hdfs()
                + config.layout().ticks()
                + " holds no data yet: land some with 'stocklambda ingest land' or archive the stream");
      }
      long bytes = 0;
      for (Path input : inputs) {
        bytes += fs.getFileStatus(input).getLen();
      }
      int reducers = reducers(conf, bytes);
      out.printf(
          "training set %s: %,d input file(s), %.1f MB, window %d, %d reducer(s), %s, splits of at most %d MB%n",
          config.run(),
          inputs.size(),
          bytes / 1e6,
          config.windowSize(),
          reducers,
          config.framework().equals("yarn")
              ? "on YARN at " + conf.get("yarn.resourcemanager.address")
              : "local runner",
          conf.getLong(FileInputFormat.SPLIT_MAXSIZE, 0) >> 20);
      Job job = create(conf, inputs, reducers);
      job.submit();
      if (config.framework().equals("yarn")) {
        out.printf("  submitted as %s, tracking %s%n", job.getJobID(), job.getTrackingURL());
      }
      new JobProgress(job, bytes, out).followUntilComplete();
      if (!job.isSuccessful()) {
        throw new IllegalStateException("the training-set job failed: " + failures.describe(job));
      }
      Map<TrainingSetCounters, Long> values = counters(job.getCounters());
      long ticks = values.get(TrainingSetCounters.TICKS);
      long bad = values.get(TrainingSetCounters.MALFORMED_LINES);
      String rejection = null;
      List<String> samples = malformedSamples(fs, output);
      if (ticks == 0) {
        rejection =
            String.format(
                "it read no tick from %,d file(s): %,d malformed line(s), %,d unreadable file(s)",
                inputs.size(), bad, values.get(TrainingSetCounters.UNREADABLE_FILES));
      } else if (config.maxMalformed().exceededBy(bad, ticks + bad)) {
        rejection =
            String.format(
                "%,d of its %,d data lines are malformed (%.4f%%), more than --max-malformed %s takes",
                bad, ticks + bad, 100.0 * bad / (ticks + bad), config.maxMalformed().text());
      }
      if (rejection != null) {
        fs.delete(output, true);
      } else {
        MasterInputs.writeSnapshot(fs, output, config.layout(), inputs, bytes);
      }
      return new TrainingSetResult(
          fs.makeQualified(output).toString(),
          inputs.size(),
          bytes,
          reducers,
          values,
          (System.nanoTime() - started) / 1e9,
          rejection,
          samples);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the training-set job could not run against " + config.hdfs() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    } finally {
      failures.close();
      FileUtil.fullyDelete(new java.io.File(config.scratch()));
    }
  }

  private static Map<TrainingSetCounters, Long> counters(Counters counters) {
    Map<TrainingSetCounters, Long> values = new EnumMap<>(TrainingSetCounters.class);
    for (TrainingSetCounters c : TrainingSetCounters.values()) {
      values.put(c, counters.findCounter(c).getValue());
    }
    return values;
  }

  /** The first malformed lines the map tasks wrote under {@code _malformed/}. */
  private static List<String> malformedSamples(FileSystem fs, Path output) throws IOException {
    Path dir = new Path(output, TicksMapper.MALFORMED_DIR);
    List<String> lines = new ArrayList<>();
    if (!fs.exists(dir)) {
      return lines;
    }
    for (FileStatus part : fs.listStatus(dir)) {
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(fs.open(part.getPath()), StandardCharsets.UTF_8))) {
        for (String line = in.readLine();
            line != null && lines.size() < SHOWN_MALFORMED;
            line = in.readLine()) {
          lines.add(line);
        }
      }
    }
    return lines;
  }
}
