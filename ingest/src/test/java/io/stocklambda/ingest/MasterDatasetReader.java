package io.stocklambda.ingest;

import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.csv.TickReader;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.tick.Tick;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

/** Reads tick files back from HDFS with core's parser, for the tests' own accounting. */
public final class MasterDatasetReader {

  private MasterDatasetReader() {}

  /**
   * Every tick in the files under {@code dir} whose path passes {@code keep}; malformed lines are
   * skipped into {@code report}, as every reader skips quarantined lines.
   */
  public static List<Tick> ticks(
      FileSystem fs,
      String dir,
      java.util.function.Predicate<String> keep,
      Path scratch,
      ParseReport report)
      throws IOException {
    List<Tick> ticks = new ArrayList<>();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir);
    if (!fs.exists(root)) {
      return ticks;
    }
    Files.createDirectories(scratch);
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
    int n = 0;
    while (files.hasNext()) {
      org.apache.hadoop.fs.Path path = files.next().getPath();
      if (!keep.test(path.toString())) {
        continue;
      }
      Path local = scratch.resolve((n++) + "-" + path.getName());
      fs.copyToLocalFile(false, path, new org.apache.hadoop.fs.Path(local.toUri()), true);
      try (TickReader reader =
          TickCsv.read(
              new TickSource(local, TickSource.symbolOf(Path.of(path.getName()))),
              MalformedLinePolicy.SKIP,
              report)) {
        reader.forEachRemaining(ticks::add);
      }
      Files.delete(local);
    }
    return ticks;
  }
}
