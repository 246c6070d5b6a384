package io.stocklambda.serving.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EsCredentialsTest {

  @Test
  void noUserMeansSecurityOff() {
    assertThat(EsCredentials.from(Map.of())).isEmpty();
    assertThat(
            EsCredentials.from(
                Map.of(EsCredentials.USER_ENV, " ", EsCredentials.PASSWORD_ENV, "x")))
        .isEmpty();
  }

  @Test
  void aUserNeedsItsPassword() {
    assertThat(
            EsCredentials.from(
                Map.of(
                    EsCredentials.USER_ENV, "stocklambda", EsCredentials.PASSWORD_ENV, "s3cret")))
        .contains(new EsCredentials("stocklambda", "s3cret"));
    assertThatThrownBy(() -> EsCredentials.from(Map.of(EsCredentials.USER_ENV, "stocklambda")))
        .hasMessage("STOCKLAMBDA_ES_USER is set but STOCKLAMBDA_ES_PASSWORD is not");
  }

  @Test
  void thePasswordNeverShowsInLogs() {
    assertThat(new EsCredentials("stocklambda", "s3cret").toString())
        .contains("stocklambda")
        .doesNotContain("s3cret");
  }
}
