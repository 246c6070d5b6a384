package io.stocklambda.batch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTest {

  @Test
  void everyValueShownIsEscaped() {
    assertThat(Report.esc("<script>alert('x')</script> & \"q\""))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    assertThat(Report.esc(null)).isEmpty();
    assertThat(Report.esc("lr@20y")).isEqualTo("lr@20y");
  }
}
