package io.stocklambda.ingest.land;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.csv.MalformedLimit;
import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.dataset.LandingManifest;
import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.synth.GeneratedMarket;
import io.stocklambda.core.synth.SyntheticMarket;
import io.stocklambda.core.synth.SyntheticMarketConfig;
import io.stocklambda.core.testing.SharedKaggleData;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.embedded.stack.Endpoints;
import io.stocklambda.embedded.stack.Engine;
import io.stocklambda.embedded.stack.junit.EmbeddedStackTest;
import io.stocklambda.hdfs.Hdfs;
import io.stocklambda.ingest.MasterDatasetReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Landing into the real embedded HDFS: every row arrives, nothing lands twice, bad input is refused
 * or counted.
 */
@EmbeddedStackTest(Engine.HDFS)
class LandIT {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Test
  void everySharedRowIsInHdfsAndTheEmptyFilesAreReported(Endpoints endpoints) throws IOException {
    Path kaggle = SharedKaggleData.require();
    MasterLayout layout = new MasterLayout("/it-land-" + UUID.randomUUID());
    try (FileSystem fs = Hdfs.open(endpoints.hdfsUri())) {
      Lander.Result result =
          lander(fs)
              .land(
                  new LandConfig(
                      kaggle,
                      endpoints.hdfsUri(),
                      layout,
                      MalformedLinePolicy.FAIL,
                      MalformedLimit.NONE,
                      false));

      assertThat(result.empty())
          .extracting(f -> f.name())
          .containsExactlyInAnyOrder("molc.us.txt", "vist.us.txt");
      LandingManifest manifest = result.manifest().orElseThrow();
      assertThat(manifest.files())
          .hasSize(SharedKaggleData.STOCK_FILES + SharedKaggleData.ETF_FILES - 2);
      assertThat(manifest.rows()).isEqualTo(SharedKaggleData.TOTAL_ROWS);
      assertThat(readBack(fs, layout)).hasSize((int) SharedKaggleData.TOTAL_ROWS);
    }
  }

  @Test
  void reLandingTheSameContentIsANoOpAndNewContentLandsAlone(Endpoints endpoints)
      throws IOException {
    GeneratedMarket market =
        new SyntheticMarket(
                new SyntheticMarketConfig(20, 120, 5L, SyntheticMarketConfig.DEFAULT_START, 1, 1))
            .write(dir.resolve("market"));
    MasterLayout layout = new MasterLayout("/it-land-" + UUID.randomUUID());
    LandConfig config =
        new LandConfig(
            market.dir(),
            endpoints.hdfsUri(),
            layout,
            MalformedLinePolicy.FAIL,
            MalformedLimit.NONE,
            false);
    try (FileSystem fs = Hdfs.open(endpoints.hdfsUri())) {
      // Given a landed market
      Lander.Result first = lander(fs).land(config);
      assertThat(first.manifest()).isPresent();
      assertThat(readBack(fs, layout)).hasSize((int) market.rows());

      // When it is landed again: nothing new
      Lander.Result again = lander(fs).land(config);
      assertThat(again.manifest()).isEmpty();
      assertThat(again.alreadyLanded()).hasSize(21);
      assertThat(readBack(fs, layout)).hasSize((int) market.rows());

      // When one file gains a row: only that file lands, in a new batch
      Path stocks = market.dir().resolve("Stocks");
      Path grown =
          Files.list(stocks)
              .filter(
                  p -> {
                    try {
                      return Files.size(p) > 0;
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .findFirst()
              .orElseThrow();
      Files.writeString(
          grown, "2030-01-02,1,1,1,1,1,0\r\n", java.nio.file.StandardOpenOption.APPEND);
      Lander.Result third = lander(fs).land(config);
      assertThat(third.manifest().orElseThrow().files())
          .singleElement()
          .satisfies(f -> assertThat(f.name()).isEqualTo(grown.getFileName().toString()));
    }
  }

  @Test
  void malformedLinesAreRefusedStrictlyOrAboveTheLimitAndOtherwiseLandedAndQuarantined(
      Endpoints endpoints) throws IOException {
    Path input = dir.resolve("bad");
    Files.createDirectories(input);
    Files.writeString(
        input.resolve("ok.us.txt"),
        "Date,Open,High,Low,Close,Volume,OpenInt\n2001-01-02,1,1,1,1,1,0\n");
    Files.writeString(
        input.resolve("bad.us.txt"),
        "Date,Open,High,Low,Close,Volume,OpenInt\n2001-01-02,1,1,1,1,1,0\n2001-01-03,1,1,1,oops,1,0\n");
    MasterLayout layout = new MasterLayout("/it-land-" + UUID.randomUUID());
    try (FileSystem fs = Hdfs.open(endpoints.hdfsUri())) {
      // strict: nothing lands
      Lander.Result strict =
          lander(fs)
              .land(
                  new LandConfig(
                      input,
                      endpoints.hdfsUri(),
                      layout,
                      MalformedLinePolicy.FAIL,
                      MalformedLimit.NONE,
                      false));
      assertThat(strict.refused()).isTrue();
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains(input.resolve("bad.us.txt") + ":3: bad close 'oops'");
      assertThat(fs.exists(new org.apache.hadoop.fs.Path(layout.landed()))).isFalse();

      // the default limit: 1 bad line in 3 is far above 0.1 %, so nothing lands either
      Lander.Result tooMany =
          lander(fs)
              .land(
                  new LandConfig(
                      input,
                      endpoints.hdfsUri(),
                      layout,
                      MalformedLinePolicy.SKIP,
                      MalformedLimit.DEFAULT,
                      false));
      assertThat(tooMany.refusal())
          .contains("1 malformed line(s) in 3 data lines", "--max-malformed 0.1%");
      assertThat(fs.exists(new org.apache.hadoop.fs.Path(layout.landed()))).isFalse();

      // within the limit: landed as received, the bad line quarantined in the manifest
      Lander.Result landed =
          lander(fs)
              .land(
                  new LandConfig(
                      input,
                      endpoints.hdfsUri(),
                      layout,
                      MalformedLinePolicy.SKIP,
                      MalformedLimit.parse("1"),
                      false));
      LandingManifest manifest = landed.manifest().orElseThrow();
      assertThat(manifest.files())
          .extracting(LandingManifest.LandedFile::malformedLines)
          .containsExactlyInAnyOrder(1L, 0L);
      assertThat(manifest.files())
          .flatExtracting(LandingManifest.LandedFile::quarantined)
          .containsExactly(new LandingManifest.QuarantinedLine(3, "bad close 'oops'"));
      assertThat(readBack(fs, layout)).hasSize(2);
    }
  }

  private Lander lander(FileSystem fs) {
    return new Lander(fs, new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  private List<Tick> readBack(FileSystem fs, MasterLayout layout) throws IOException {
    return MasterDatasetReader.ticks(
        fs,
        layout.landed(),
        p -> !p.endsWith(MasterLayout.MANIFEST),
        dir.resolve("scratch"),
        new ParseReport());
  }
}
