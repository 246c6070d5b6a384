package io.stocklambda.core.serving;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The batch view being served: which load ({@code version}, also the HBase cell version of its rows
 * and the suffix of its Elasticsearch index), from which view run, covering dates up to {@code
 * horizon}.
 *
 * @param parity how the speed layer's predictions of the dates the view newly covers compared with
 *     the view's own (null for a view loaded before parity was checked)
 */
public record BatchHorizon(
    long version,
    String run,
    LocalDate horizon,
    String modelVersion,
    long rows,
    Instant loadedAt,
    OnlineOfflineParity.Result parity) {

  public BatchHorizon(
      long version,
      String run,
      LocalDate horizon,
      String modelVersion,
      long rows,
      Instant loadedAt) {
    this(version, run, horizon, modelVersion, rows, loadedAt, null);
  }

  public BatchHorizon {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(horizon, "horizon");
    if (version <= 0) {
      throw new IllegalArgumentException("version must be positive");
    }
  }
}
