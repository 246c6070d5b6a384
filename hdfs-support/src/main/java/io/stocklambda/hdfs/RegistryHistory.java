package io.stocklambda.hdfs;

import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.RegistryEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The registry's history in HDFS ({@link MasterLayout#modelHistory()}): one immutable JSON file per
 * {@link RegistryEvent}, named {@code <epoch millis>-<nn>-<action>-<version>.json} so that a
 * listing sorted by name is the order of events; never rewritten, never deleted. A retired version
 * also holds its retirement event as {@link MasterLayout#RETIRED_FILE}.
 */
public final class RegistryHistory {

  static final JsonCodec<RegistryEvent> EVENTS = JsonCodec.of(RegistryEvent.class);

  private final FileSystem fs;
  private final MasterLayout layout;

  RegistryHistory(FileSystem fs, MasterLayout layout) {
    this.fs = fs;
    this.layout = layout;
  }

  /** Every event, oldest first. */
  public List<RegistryEvent> events() {
    Path dir = new Path(layout.modelHistory());
    try {
      if (!fs.exists(dir)) {
        return List.of();
      }
      List<FileStatus> files = new ArrayList<>(List.of(fs.listStatus(dir)));
      files.sort(Comparator.comparing(f -> f.getPath().getName()));
      List<RegistryEvent> events = new ArrayList<>();
      for (FileStatus f : files) {
        if (f.getPath().getName().endsWith(".json")) {
          events.add(read(f.getPath()));
        }
      }
      return events;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model history at " + dir, e);
    }
  }

  /** Appends an event: a new file, created only if absent (a same-millisecond twin gets -2). */
  void record(RegistryEvent event) {
    for (int attempt = 1; ; attempt++) {
      // the attempt is part of the sortable prefix: a same-millisecond twin sorts after the first
      Path file =
          new Path(
              String.format(
                  Locale.ROOT,
                  "%s/%013d-%02d-%s-%s.json",
                  layout.modelHistory(),
                  event.at().toEpochMilli(),
                  attempt,
                  event.action().name().toLowerCase(Locale.ROOT),
                  event.version()));
      try (OutputStream out = fs.create(file, false)) {
        out.write(EVENTS.encode(event));
        return;
      } catch (FileAlreadyExistsException e) {
        if (attempt == 10) {
          throw new UncheckedIOException("cannot record " + event, e);
        }
      } catch (IOException e) {
        if (attempt < 10 && existsQuietly(file)) {
          continue;
        }
        throw new UncheckedIOException("cannot record " + event + " at " + file, e);
      }
    }
  }

  /** The event that retired a version, if it was retired. */
  public Optional<RegistryEvent> retirement(String version) {
    Path file = new Path(layout.modelFile(version, MasterLayout.RETIRED_FILE));
    try {
      return fs.exists(file) ? Optional.of(read(file)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Marks a version retired, then records the event. */
  void retire(RegistryEvent event) {
    Path file = new Path(layout.modelFile(event.version(), MasterLayout.RETIRED_FILE));
    try (OutputStream out = fs.create(file, true)) {
      out.write(EVENTS.encode(event));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot retire " + event.version() + " at " + file, e);
    }
    record(event);
  }

  private RegistryEvent read(Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return EVENTS.decode(in.readAllBytes());
    }
  }

  private boolean existsQuietly(Path file) {
    try {
      return fs.exists(file);
    } catch (IOException e) {
      return false;
    }
  }
}
