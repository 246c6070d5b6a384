package io.stocklambda.batch.spark;

import io.stocklambda.core.serving.ServingKeys;
import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.KeyValue;
import org.apache.hadoop.hbase.io.hfile.CacheConfig;
import org.apache.hadoop.hbase.io.hfile.HFileContextBuilder;
import org.apache.hadoop.hbase.regionserver.HStoreFile;
import org.apache.hadoop.hbase.regionserver.StoreFileWriter;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Writes one Spark partition of the batch view as HBase HFiles of the batch family, for the serving
 * layer to bulk-load with HBase's own tool: each cell is the Prediction JSON under the contract's
 * row key, qualifier and the view's version as timestamp (invisible until the serving layer's
 * pointer names that version). HFiles must be sorted; the training set comes sorted by (stock,
 * date) per part file, which is the row-key order, so a partition is normally one file. A key not
 * above the previous one (a partition that joins two files) starts the next file.
 */
final class HFileSink implements Closeable {

  /**
   * Where and how a view's HFiles are written: {@code dir/b/part-<partition>-<n>}, cells at {@code
   * version}.
   */
  record Spec(String dir, long version, String fileSystem) implements Serializable {
    /** The directory of the batch view's HFiles, beside its JSON lines. */
    static final String DIR = "_hfiles";
  }

  private static final byte[] FAMILY = Bytes.toBytes(ServingKeys.BATCH_FAMILY);
  private static final byte[] QUALIFIER = Bytes.toBytes(ServingKeys.PREDICTION_QUALIFIER);

  private final Spec spec;
  private final int partition;
  private final Configuration conf;
  private final FileSystem fs;
  private StoreFileWriter writer;
  private byte[] last;
  private int files;
  private long cells;

  HFileSink(Spec spec, int partition) {
    this.spec = spec;
    this.partition = partition;
    this.conf = new Configuration();
    try {
      this.fs = FileSystem.get(URI.create(spec.fileSystem()), conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + spec.fileSystem(), e);
    }
  }

  /** Adds one prediction's cell. */
  void add(String rowKey, byte[] json) {
    byte[] row = rowKey.getBytes(StandardCharsets.UTF_8);
    try {
      if (writer == null || Bytes.compareTo(row, last) <= 0) {
        roll();
      }
      writer.append(new KeyValue(row, FAMILY, QUALIFIER, spec.version(), json));
      last = row;
      cells++;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the HFile of partition " + partition + " under " + spec.dir(), e);
    }
  }

  private void roll() throws IOException {
    closeWriter();
    Path path =
        new Path(
            spec.dir() + "/" + ServingKeys.BATCH_FAMILY + "/part-" + partition + "-" + files++);
    writer =
        new StoreFileWriter.Builder(conf, new CacheConfig(conf), fs)
            .withFilePath(path)
            .withFileContext(new HFileContextBuilder().withBlockSize(64 * 1024).build())
            .build();
  }

  private void closeWriter() throws IOException {
    if (writer != null) {
      // as HBase's own HFileOutputFormat2 marks the files it writes for bulk loading
      writer.appendFileInfo(
          HStoreFile.BULKLOAD_TIME_KEY, Bytes.toBytes(System.currentTimeMillis()));
      writer.appendFileInfo(HStoreFile.MAJOR_COMPACTION_KEY, Bytes.toBytes(false));
      // kept out of minor compactions: rewriting gigabytes right after the load would compete with
      // serving; a major compaction merges them
      writer.appendFileInfo(HStoreFile.EXCLUDE_FROM_MINOR_COMPACTION_KEY, Bytes.toBytes(true));
      writer.appendTrackedTimestampsToMetadata();
      writer.close();
      writer = null;
    }
  }

  long cells() {
    return cells;
  }

  @Override
  public void close() {
    try {
      closeWriter();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot close the HFile of partition " + partition + " under " + spec.dir(), e);
    }
  }
}
