package io.stocklambda.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.rvesse.airline.SingleCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CodecBenchmarkTest {

  @Test
  void printsEveryCaseAfterCheckingThatBothPredictionReadersReadTheSameCalls() {
    CodecBenchmark bench =
        SingleCommand.singleCommand(CodecBenchmark.class)
            .parse("--records", "3000", "--iterations", "2", "--warmup", "0");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      bench.run(); // throws if the one-pass and the two-pass readers count different calls
    } finally {
      System.setOut(stdout);
    }

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("machine: ")
        .containsPattern("tick write +3,000 +[\\d,]+")
        .containsPattern("tick read +3,000 ")
        .containsPattern("prediction record write +3,000 ")
        .containsPattern("prediction record read +3,000 ")
        .containsPattern("generic reader, two passes +3,000 ")
        .contains("3000 prediction records of");
  }
}
