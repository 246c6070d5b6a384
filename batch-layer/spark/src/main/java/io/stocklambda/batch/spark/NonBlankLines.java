package io.stocklambda.batch.spark;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A partition's lines mapped lazily, one at a time, skipping blank lines and lines the mapping
 * drops (by returning null): a partition of a large training set is never held in memory.
 */
final class NonBlankLines {

  private NonBlankLines() {}

  static <R> Iterator<R> map(Iterator<String> lines, Function<String, R> mapping) {
    return new Iterator<>() {
      private R next = advance();

      private R advance() {
        while (lines.hasNext()) {
          String line = lines.next();
          if (!line.isBlank()) {
            R mapped = mapping.apply(line);
            if (mapped != null) {
              return mapped;
            }
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public R next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        R r = next;
        next = advance();
        return r;
      }
    };
  }
}
