package io.stocklambda.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.SharedKaggleDirectory;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.csv.TickReader;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.synth.SyntheticMarket;
import io.stocklambda.core.synth.SyntheticMarketConfig;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.embedded.stack.Endpoints;
import io.stocklambda.embedded.stack.Engine;
import io.stocklambda.embedded.stack.junit.EmbeddedStackTest;
import io.stocklambda.ingest.IngestMain;
import io.stocklambda.testsupport.ChildJvm;
import io.stocklambda.testsupport.CommittedRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay into the real embedded Kafka, consumed back: the same ticks, each stock's in date order.
 */
@EmbeddedStackTest(Engine.KAFKA)
class ReplayIT {

  private static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);

  @TempDir Path dir;

  @Test
  void consumersGetExactlyTheTicksOfTheFilesEachStockInDateOrder(Endpoints endpoints)
      throws Exception {
    // the real Kaggle files when they are beside the project, otherwise a generated market
    Path input =
        SharedKaggleDirectory.locate()
            .orElseGet(
                () ->
                    new SyntheticMarket(
                            new SyntheticMarketConfig(
                                60, 500, 11L, SyntheticMarketConfig.DEFAULT_START, 2, 1))
                        .write(dir.resolve("m"))
                        .dir());
    Map<String, List<Tick>> expected = perStock(input);
    long total = expected.values().stream().mapToLong(List::size).sum();
    String topic = "replay-it-" + UUID.randomUUID();

    int exit =
        ChildJvm.run(
            IngestMain.class,
            dir.resolve("replay.log"),
            600,
            "ingest",
            "replay",
            "--input",
            input.toString(),
            "--bootstrap",
            endpoints.kafkaBootstrap(),
            "--topic",
            topic,
            "--max");

    String output = java.nio.file.Files.readString(dir.resolve("replay.log"));
    assertThat(exit).as(output).isZero();
    assertThat(output)
        .contains(String.format("replayed %,d ticks", total), "every one acknowledged by Kafka");
    List<ConsumerRecord<byte[], byte[]>> records =
        CommittedRecords.read(endpoints.kafkaBootstrap(), topic, total, Duration.ofMinutes(5));
    Map<String, List<Tick>> consumed = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      Tick tick = TICKS.decode(r.value());
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(tick.stock());
      consumed.computeIfAbsent(tick.stock(), s -> new ArrayList<>()).add(tick);
    }
    assertThat(records).hasSize((int) total);
    assertThat(consumed).isEqualTo(expected);
  }

  @Test
  void theThesisFormatCarriesStockPriceAndDate(Endpoints endpoints) throws Exception {
    SyntheticMarket market =
        new SyntheticMarket(
            new SyntheticMarketConfig(3, 20, 2L, SyntheticMarketConfig.DEFAULT_START, 0, 0));
    Path input = market.write(dir.resolve("t")).dir();
    long inRange =
        market.profiles().stream()
            .flatMap(p -> market.series(p).stream())
            .filter(
                t ->
                    !t.date().isBefore(java.time.LocalDate.parse("2005-01-10"))
                        && !t.date().isAfter(java.time.LocalDate.parse("2005-01-12")))
            .count();
    String topic = "thesis-it-" + UUID.randomUUID();

    int exit =
        ChildJvm.run(
            IngestMain.class,
            dir.resolve("thesis.log"),
            120,
            "ingest",
            "replay",
            "--input",
            input.toString(),
            "--bootstrap",
            endpoints.kafkaBootstrap(),
            "--topic",
            topic,
            "--format",
            "thesis",
            "--from",
            "2005-01-10",
            "--to",
            "2005-01-12");

    assertThat(exit).isZero();
    List<ConsumerRecord<byte[], byte[]>> records =
        CommittedRecords.read(endpoints.kafkaBootstrap(), topic, inRange, Duration.ofMinutes(1));
    assertThat(records)
        .hasSize((int) inRange)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              String json = new String(r.value(), StandardCharsets.UTF_8);
              assertThat(json)
                  .matches(
                      "\\{\"stock\":\"[a-z]+\\.us\",\"price\":[0-9.]+,\"date\":\"2005-01-1[0-2]\"}");
              assertThat(TICKS.decode(r.value()).close()).isPositive();
            });
  }

  private static Map<String, List<Tick>> perStock(Path input) {
    Map<String, List<Tick>> out = new TreeMap<>();
    for (TickSource source : TickCsv.discover(input)) {
      try (TickReader reader = TickCsv.read(source, MalformedLinePolicy.FAIL, new ParseReport())) {
        reader.forEachRemaining(t -> out.computeIfAbsent(t.stock(), s -> new ArrayList<>()).add(t));
      }
    }
    return out;
  }
}
