package io.stocklambda.core.merge;

import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.csv.TickReader;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.tick.Tick;
import java.io.Closeable;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Merges many date-ordered tick files into one stream in global date order, the replay order of the
 * market. The thesis's producer needed a Spark job and a sorted copy of the data for this.
 *
 * <p>Order: by date, then by stock, then by source; each file must itself be in date order (its
 * reader enforces that). Memory is one read block and one tick per file, whatever the files' sizes:
 * blocks share a fixed budget, and files are reopened for each block, so no more than one file
 * descriptor is held at a time even when merging the 7,195 files of the full dataset.
 */
public final class TickMerger implements Iterator<Tick>, Closeable {

  /** Default memory for read blocks, shared by all files. */
  public static final long DEFAULT_BUFFER_BUDGET = 8L * 1024 * 1024;

  static final int MIN_BLOCK = 4 * 1024;
  static final int MAX_BLOCK = 1024 * 1024;

  /**
   * (date, stock, source). Two files whose stock is their name compare by rank, the position of
   * (symbol, source) among all such files, computed once: nearly every comparison of a Kaggle
   * directory's merge is then two integer compares instead of a string compare through three
   * objects, and the heap of 8,500 files stops dominating the replay.
   */
  private static final Comparator<Head> ORDER =
      (a, b) -> {
        int byDate = Long.compare(a.day, b.day);
        if (byDate != 0) {
          return byDate;
        }
        if (a.rank >= 0 && b.rank >= 0) {
          return Integer.compare(a.rank, b.rank);
        }
        int byStock = a.tick.stock().compareTo(b.tick.stock());
        return byStock != 0 ? byStock : Integer.compare(a.index, b.index);
      };

  private final PriorityQueue<Head> heads;
  private final List<TickReader> readers;

  private TickMerger(List<TickReader> readers) {
    this.readers = readers;
    this.heads = new PriorityQueue<>(Math.max(1, readers.size()), ORDER);
    int[] ranks = ranks(readers);
    for (int i = 0; i < readers.size(); i++) {
      TickReader reader = readers.get(i);
      if (reader.hasNext()) {
        heads.add(new Head(reader.next(), i, ranks[i], reader));
      }
    }
  }

  /**
   * Each file's rank by (symbol, index) among the files whose stock is their name; -1 for the
   * others.
   */
  private static int[] ranks(List<TickReader> readers) {
    int[] ranks = new int[readers.size()];
    java.util.Arrays.fill(ranks, -1);
    List<Integer> named = new java.util.ArrayList<>();
    for (int i = 0; i < readers.size(); i++) {
      if (readers.get(i).hasNext() && !readers.get(i).hasStockColumn()) {
        named.add(i);
      }
    }
    named.sort(
        Comparator.comparing((Integer i) -> readers.get(i).source().symbol())
            .thenComparing(i -> i));
    for (int r = 0; r < named.size(); r++) {
      ranks[named.get(r)] = r;
    }
    return ranks;
  }

  public static TickMerger open(
      List<TickSource> sources, MalformedLinePolicy policy, ParseReport report) {
    return open(sources, policy, report, DEFAULT_BUFFER_BUDGET);
  }

  public static TickMerger open(
      List<TickSource> sources, MalformedLinePolicy policy, ParseReport report, long bufferBudget) {
    int block = blockSize(bufferBudget, sources.size());
    List<TickReader> readers =
        sources.stream()
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
    final int rank;
    final TickReader reader;

    Head(Tick tick, int index, int rank, TickReader reader) {
      this.index = index;
      this.rank = rank;
      this.reader = reader;
      set(tick);
    }

    void set(Tick next) {
      tick = next;
      day = next.date().toEpochDay();
    }
  }
}
