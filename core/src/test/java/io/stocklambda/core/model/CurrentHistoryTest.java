package io.stocklambda.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurrentHistoryTest {

  private final List<RegistryEvent> events = new ArrayList<>();
  private long clock = 1_700_000_000_000L;

  private void add(RegistryEvent.Action action, String version) {
    add(action, version, null);
  }

  private void add(RegistryEvent.Action action, String version, String previous) {
    events.add(
        new RegistryEvent(
            Instant.ofEpochMilli(clock += 1000), action, version, previous, "alice", "test"));
  }

  @Test
  void theVersionServingBeforeTheHistoryBeganIsKnownFromTheFirstPromotion() {
    add(RegistryEvent.Action.PROMOTED, "m2", "m1");
    assertThat(CurrentHistory.stack(events)).containsExactly("m1", "m2");
    assertThat(CurrentHistory.rollbackTarget(events, "m2")).contains("m1");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> CurrentHistory.rollbackTarget(events, "m7"))
        .hasMessageContaining("moved outside");
  }

  @Test
  void aRollbackReturnsToTheVersionThatServedBeforeAndASecondOneFurtherBack() {
    add(RegistryEvent.Action.PROMOTED, "m1");
    add(RegistryEvent.Action.PROMOTED, "m2");
    add(RegistryEvent.Action.PROMOTED, "m3");
    assertThat(target()).contains("m2");

    add(RegistryEvent.Action.ROLLED_BACK, "m2");
    assertThat(CurrentHistory.stack(events)).containsExactly("m1", "m2");
    assertThat(target()).contains("m1");

    add(RegistryEvent.Action.ROLLED_BACK, "m1");
    assertThat(target()).as("nothing served before m1").isEmpty();
  }

  @Test
  void aRetiredVersionIsSkippedAndAPromotedOneMovesToTheTop() {
    add(RegistryEvent.Action.PROMOTED, "m1");
    add(RegistryEvent.Action.PROMOTED, "m2");
    add(RegistryEvent.Action.PROMOTED, "m3");
    add(RegistryEvent.Action.RETIRED, "m2");
    assertThat(target()).contains("m1");
    add(RegistryEvent.Action.PROMOTED, "m1");
    assertThat(CurrentHistory.stack(events)).containsExactly("m3", "m1");
  }

  @Test
  void theLastEventThatMadeAVersionCurrentSaysWhoAndWhen() {
    add(RegistryEvent.Action.PROMOTED, "m1");
    add(RegistryEvent.Action.PROMOTED, "m2");
    add(RegistryEvent.Action.ROLLED_BACK, "m1");
    assertThat(CurrentHistory.lastMadeCurrent(events, "m1"))
        .get()
        .extracting(RegistryEvent::action)
        .isEqualTo(RegistryEvent.Action.ROLLED_BACK);
    assertThat(CurrentHistory.lastMadeCurrent(events, "m9")).isEmpty();
  }

  /** A rollback's target with CURRENT where the history says. */
  private java.util.Optional<String> target() {
    List<String> stack = CurrentHistory.stack(events);
    return CurrentHistory.rollbackTarget(events, stack.get(stack.size() - 1));
  }
}
