package io.stocklambda.batch.mapreduce;

import io.stocklambda.core.dataset.DatasetSnapshot;
import io.stocklambda.core.dataset.LandingManifest;
import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The windows job's input: the master dataset's data files, and the snapshot they make. */
final class MasterInputs {

  private static final JsonCodec<LandingManifest> MANIFEST = JsonCodec.of(LandingManifest.class);
  private static final JsonCodec<DatasetSnapshot> SNAPSHOTS = JsonCodec.of(DatasetSnapshot.class);

  private MasterInputs() {}

  /**
   * Every data file of the master dataset: files of committed landed batches, and archived
   * segments.
   */
  static List<Path> list(FileSystem fs, MasterLayout layout) throws IOException {
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

  /**
   * Writes {@link MasterLayout#SNAPSHOT} into a finished training set: what it was built from, for
   * the lineage of every model trained on it.
   */
  static void writeSnapshot(
      FileSystem fs, Path output, MasterLayout layout, List<Path> inputs, long bytes)
      throws IOException {
    try (OutputStream out = fs.create(new Path(output, MasterLayout.SNAPSHOT), true)) {
      out.write(
          SNAPSHOTS.encode(
              DatasetSnapshot.of(layout, inputs.stream().map(Path::toString).toList(), bytes)));
    }
  }
}
