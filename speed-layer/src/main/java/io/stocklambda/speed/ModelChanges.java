package io.stocklambda.speed;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A count of the writes to the global {@code models} store, shared by one topology's {@link
 * ModelUpdater} (the global thread, which bumps it after each record it applies) and its scoring
 * processors (the stream threads, which read the store's keys again only when it moved). Reading
 * the current model's version and the candidates' index from the store on every tick cost 0.26 us
 * of CPU a tick at max rate, through the store's metered layer (docs/bench/issue18-session11); this
 * is one volatile read.
 *
 * <p>A reader that saw generation {@code g} and then read the store has seen every write made
 * before {@code g} was reached: the updater writes the store first, then bumps.
 */
final class ModelChanges {

  private final AtomicLong generation = new AtomicLong();

  /** After the store was written (or a record was refused: a harmless extra read). */
  void changed() {
    generation.incrementAndGet();
  }

  /** The writes so far; starts at 0, so a reader that starts from -1 reads at once. */
  long generation() {
    return generation.get();
  }
}
