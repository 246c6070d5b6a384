package io.stocklambda.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelKeysTest {

  @Test
  void aCandidateKeyNamesItsModelAndVersionAndTheCurrentKeyNamesNoCandidate() {
    String key = ModelKeys.candidate("next-close-up", "20261201-2");
    assertThat(key).isEqualTo("next-close-up/candidate/20261201-2");
    assertThat(ModelKeys.parse(key))
        .contains(new ModelKeys.Candidate("next-close-up", "20261201-2"));
    assertThat(ModelKeys.parse("next-close-up")).isEmpty();
    assertThat(ModelKeys.parse("next-close-up/candidate/")).isEmpty();
    assertThatThrownBy(() -> ModelKeys.candidate("a/candidate/b", "v"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theIndexKeepsVersionsSortedAndIsNullWhenEmpty() {
    byte[] index = ModelKeys.encodeIndex(List.of("b", "a"));
    assertThat(ModelKeys.decodeIndex(index)).containsExactly("a", "b");
    assertThat(ModelKeys.encodeIndex(List.of())).isNull();
    assertThat(ModelKeys.decodeIndex(null)).isEmpty();
  }
}
