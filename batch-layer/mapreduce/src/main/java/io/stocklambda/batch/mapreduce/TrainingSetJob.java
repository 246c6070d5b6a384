package io.stocklambda.batch.mapreduce;

import io.stocklambda.core.dataset.LandingManifest;
import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/**
 * Builds a training set from the whole master dataset: every committed landed file and every
 * archived segment, one line per sliding window ({@link io.stocklambda.core.dataset.TrainingLine}),
 * de-duplicated by (stock, date). Runs with the local runner against {@code hdfs://} or on YARN.
 */
public final class TrainingSetJob {

  private static final JsonCodec<LandingManifest> MANIFEST = JsonCodec.of(LandingManifest.class);

  /**
   * @param framework {@code local} (the local job runner, against the given file system) or {@code yarn}
   * @param scratch   local directory for the local runner's intermediate files
   */
  public record Config(String hdfs, MasterLayout layout, String run, int windowSize, int reducers, String framework, String scratch) {
    public Config {
      Objects.requireNonNull(hdfs, "hdfs");
      Objects.requireNonNull(layout, "layout");
      Objects.requireNonNull(run, "run");
      if (windowSize < 2) {
        throw new IllegalArgumentException("--window must be at least 2");
      }
      if (reducers < 1) {
        throw new IllegalArgumentException("--reducers must be at least 1");
      }
      if (!framework.equals("local") && !framework.equals("yarn")) {
        throw new IllegalArgumentException("--framework must be local or yarn, was '" + framework + "'");
      }
    }
  }

  /** What the job read and wrote. */
  public record Result(String output, int inputFiles, long inputBytes, Map<TrainingSetCounters, Long> counters, double seconds) {
    public long count(TrainingSetCounters counter) {
      return counters.getOrDefault(counter, 0L);
    }
  }

  private final Config config;
  private final PrintStream out;

  public TrainingSetJob(Config config, PrintStream out) {
    this.config = config;
    this.out = out;
  }

  public Configuration hadoopConfiguration() {
    Configuration conf = new Configuration();
    conf.set("fs.defaultFS", config.hdfs());
    conf.set("mapreduce.framework.name", config.framework());
    conf.set("mapreduce.cluster.local.dir", config.scratch() + "/mapred-local");
    conf.set("hadoop.tmp.dir", config.scratch() + "/hadoop-tmp");
    conf.setInt("mapreduce.local.map.tasks.maximum", 2);
    conf.setInt("mapreduce.local.reduce.tasks.maximum", 2);
    conf.setInt(WindowsReducer.WINDOW_SIZE, config.windowSize());
    conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 20);
    return conf;
  }

  /** Every data file of the master dataset: files of committed landed batches, and archived segments. */
  public static List<Path> inputs(FileSystem fs, MasterLayout layout) throws IOException {
    List<Path> inputs = new ArrayList<>();
    Path landed = new Path(layout.landed());
    if (fs.exists(landed)) {
      for (FileStatus batch : fs.listStatus(landed)) {
        Path manifest = new Path(batch.getPath(), MasterLayout.MANIFEST);
        if (!fs.exists(manifest)) {
          continue; // an interrupted landing: not part of the dataset
        }
        try (InputStream in = fs.open(manifest)) {
          for (LandingManifest.LandedFile file : MANIFEST.decode(in.readAllBytes()).files()) {
            inputs.add(new Path(batch.getPath(), file.path()));
          }
        }
      }
    }
    Path stream = new Path(layout.stream());
    if (fs.exists(stream)) {
      for (FileStatus day : fs.listStatus(stream)) {
        if (MasterLayout.streamDateOf(day.getPath().toString()).isEmpty()) {
          continue;
        }
        for (FileStatus part : fs.listStatus(day.getPath())) {
          if (!MasterLayout.isMetadata(part.getPath().getName())) {
            inputs.add(part.getPath());
          }
        }
      }
    }
    return inputs;
  }

  public Job create(Configuration conf, List<Path> inputs) throws IOException {
    Job job = Job.getInstance(conf, "stocklambda training set " + config.run());
    job.setJarByClass(TrainingSetJob.class);
    job.setInputFormatClass(TextInputFormat.class);
    for (Path input : inputs) {
      FileInputFormat.addInputPath(job, input);
    }
    job.setMapperClass(TicksMapper.class);
    job.setMapOutputKeyClass(StockDateKey.class);
    job.setMapOutputValueClass(TickWritable.class);
    job.setPartitionerClass(StockPartitioner.class);
    job.setGroupingComparatorClass(StockGroupingComparator.class);
    job.setReducerClass(WindowsReducer.class);
    job.setNumReduceTasks(config.reducers());
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(Text.class);
    job.setOutputFormatClass(TextOutputFormat.class);
    FileOutputFormat.setOutputPath(job, new Path(config.layout().training(config.run())));
    return job;
  }

  /** Runs the job to its end, reporting progress; fails with the reason if the job does. */
  public Result run() {
    long started = System.nanoTime();
    Configuration conf = hadoopConfiguration();
    try (FileSystem fs = FileSystem.newInstance(conf)) {
      Path output = new Path(config.layout().training(config.run()));
      if (fs.exists(output)) {
        throw new IllegalArgumentException("training set " + config.run() + " exists already at " + fs.makeQualified(output)
            + "; choose another --run");
      }
      List<Path> inputs = inputs(fs, config.layout());
      if (inputs.isEmpty()) {
        throw new IllegalArgumentException("the master dataset at " + config.hdfs() + config.layout().ticks()
            + " holds no data yet: land some with 'stocklambda ingest land' or archive the stream");
      }
      long bytes = 0;
      for (Path input : inputs) {
        bytes += fs.getFileStatus(input).getLen();
      }
      out.printf("training set %s: %d input file(s), %.1f MB, window %d, %d reducer(s), %s runner%n", config.run(), inputs.size(),
          bytes / 1e6, config.windowSize(), config.reducers(), config.framework());
      Job job = create(conf, inputs);
      job.submit();
      float lastMap = -1;
      float lastReduce = -1;
      while (!job.isComplete()) {
        Thread.sleep(1000);
        if (job.mapProgress() != lastMap || job.reduceProgress() != lastReduce) {
          lastMap = job.mapProgress();
          lastReduce = job.reduceProgress();
          out.printf("  map %3.0f%%  reduce %3.0f%%%n", lastMap * 100, lastReduce * 100);
        }
      }
      if (!job.isSuccessful()) {
        throw new IllegalStateException("the training-set job failed: " + job.getStatus().getFailureInfo());
      }
      Counters counters = job.getCounters();
      Map<TrainingSetCounters, Long> values = new EnumMap<>(TrainingSetCounters.class);
      for (TrainingSetCounters c : TrainingSetCounters.values()) {
        values.put(c, counters.findCounter(c).getValue());
      }
      return new Result(fs.makeQualified(output).toString(), inputs.size(), bytes, values, (System.nanoTime() - started) / 1e9);
    } catch (IOException e) {
      throw new UncheckedIOException("the training-set job could not run against " + config.hdfs() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
