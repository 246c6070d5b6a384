package io.stocklambda.core.merge;

import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.TickReader;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.tick.Tick;
import java.io.Closeable;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Merges many date-ordered tick files into one stream in global date order, the replay order of
 * the market. The thesis's producer needed a Spark job and a sorted copy of the data for this.
 *
 * <p>Order: by date, then by stock, then by source; each file must itself be in date order (its
 * reader enforces that). Memory is one read block and one tick per file, whatever the files'
 * sizes: blocks share a fixed budget, and files are reopened for each block, so no more than one
 * file descriptor is held at a time even when merging the 7,195 files of the full dataset.
 */
public final class TickMerger implements Iterator<Tick>, Closeable {

  /** Default memory for read blocks, shared by all files. */
  public static final long DEFAULT_BUFFER_BUDGET = 8L * 1024 * 1024;
  static final int MIN_BLOCK = 4 * 1024;
  static final int MAX_BLOCK = 1024 * 1024;

  private static final Comparator<Head> ORDER = (a, b) -> {
    int byDate = Long.compare(a.day, b.day);
    if (byDate != 0) {
      return byDate;
    }
    int byStock = a.tick.stock().compareTo(b.tick.stock());
    return byStock != 0 ? byStock : Integer.compare(a.index, b.index);
  };

  private final PriorityQueue<Head> heads;
  private final List<TickReader> readers;

  private TickMerger(List<TickReader> readers) {
    this.readers = readers;
    this.heads = new PriorityQueue<>(Math.max(1, readers.size()), ORDER);
    for (int i = 0; i < readers.size(); i++) {
      TickReader reader = readers.get(i);
      if (reader.hasNext()) {
        heads.add(new Head(reader.next(), i, reader));
      }
    }
  }

  public static TickMerger open(List<TickSource> sources, MalformedLinePolicy policy, ParseReport report) {
    return open(sources, policy, report, DEFAULT_BUFFER_BUDGET);
  }

  public static TickMerger open(List<TickSource> sources, MalformedLinePolicy policy, ParseReport report, long bufferBudget) {
    int block = blockSize(bufferBudget, sources.size());
    List<TickReader> readers = sources.stream()
        .map(source -> TickCsv.readInBlocks(source, policy, report, block))
        .toList();
    return new TickMerger(readers);
  }

  static int blockSize(long budget, int files) {
    long share = budget / Math.max(1, files);
    return (int) Math.max(MIN_BLOCK, Math.min(MAX_BLOCK, share));
  }

  @Override
  public boolean hasNext() {
    return !heads.isEmpty();
  }

  @Override
  public Tick next() {
    Head head = heads.poll();
    if (head == null) {
      throw new NoSuchElementException();
    }
    Tick tick = head.tick;
    if (head.reader.hasNext()) {
      head.set(head.reader.next());
      heads.add(head);
    }
    return tick;
  }

  @Override
  public void close() {
    heads.clear();
    readers.forEach(TickReader::close);
  }

  private static final class Head {
    Tick tick;
    long day;
    final int index;
    final TickReader reader;

    Head(Tick tick, int index, TickReader reader) {
      this.index = index;
      this.reader = reader;
      set(tick);
    }

    void set(Tick next) {
      tick = next;
      day = next.date().toEpochDay();
    }
  }
}
