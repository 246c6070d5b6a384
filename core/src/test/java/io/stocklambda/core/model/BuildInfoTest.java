package io.stocklambda.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildInfoTest {

  @Test
  void theCodeVersionNamesTheProjectVersionAndTheCommit() {
    // the build writes git.properties into core's classes; outside a git checkout, "unknown"
    assertThat(BuildInfo.codeVersion())
        .matches("^(\\d[^ ]*|unknown) \\(git ([0-9a-f]{7,}|unknown)(, modified)?\\)$");
    if (BuildInfo.class.getResource(BuildInfo.RESOURCE) != null) {
      assertThat(BuildInfo.codeVersion()).doesNotStartWith("unknown");
    }
  }
}
