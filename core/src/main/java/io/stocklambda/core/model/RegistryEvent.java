package io.stocklambda.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of the model registry's state, kept for ever in {@code models/history/}: which version
 * became CURRENT (and which it replaced), or which was retired, by whom, when and why.
 *
 * @param previous the version CURRENT before the event (null if none, or for a retirement)
 * @param by the user (Hadoop's user name)
 * @param reason free text: {@code batch train: z 2.31 on the promotion slice}, {@code rollback:
 *     ...}
 */
public record RegistryEvent(
    Instant at, Action action, String version, String previous, String by, String reason) {

  /** What happened to {@code version}. */
  public enum Action {
    /** It became CURRENT, by a training run's decision or by {@code model promote}. */
    PROMOTED,
    /** It became CURRENT again by {@code model rollback}, replacing {@code previous}. */
    ROLLED_BACK,
    /** It may no longer be promoted. */
    RETIRED
  }

  public RegistryEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(version, "version");
  }

  /** Whether the event made {@code version} CURRENT. */
  public boolean madeCurrent() {
    return action != Action.RETIRED;
  }
}
