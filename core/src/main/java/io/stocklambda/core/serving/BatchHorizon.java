package io.stocklambda.core.serving;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The batch view being served: which load ({@code version}, also the HBase cell version of its rows
 * and the suffix of its Elasticsearch index), from which view run, covering dates up to {@code
 * horizon}.
 */
public record BatchHorizon(
    long version, String run, LocalDate horizon, String modelVersion, long rows, Instant loadedAt) {

  public BatchHorizon {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(horizon, "horizon");
    if (version <= 0) {
      throw new IllegalArgumentException("version must be positive");
    }
  }
}
