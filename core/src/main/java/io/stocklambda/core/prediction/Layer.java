package io.stocklambda.core.prediction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Which Lambda layer made a prediction. {@link #SHADOW} marks a candidate model's prediction, made
 * by the speed layer beside the current model's and written only to the shadow topic: it is
 * measured, never served.
 */
public enum Layer {
  BATCH,
  SPEED,
  SHADOW;

  /** Each layer's id, made once: every prediction written or read names its layer (issue 18). */
  private final String id = name().toLowerCase(Locale.ROOT);

  private static final Layer[] ALL = values();

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static Layer fromId(String id) {
    for (Layer layer : ALL) {
      if (layer.id.equals(id)) {
        return layer;
      }
    }
    throw new IllegalArgumentException(
        "unknown layer '" + id + "', expected batch, speed or shadow");
  }
}
