package io.stocklambda.core.prediction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which Lambda layer made a prediction. */
public enum Layer {
  BATCH,
  SPEED;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Layer fromId(String id) {
    for (Layer layer : values()) {
      if (layer.id().equals(id)) {
        return layer;
      }
    }
    throw new IllegalArgumentException("unknown layer '" + id + "', expected batch or speed");
  }
}
