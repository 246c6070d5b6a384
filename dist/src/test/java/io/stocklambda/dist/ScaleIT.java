package io.stocklambda.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.csv.TickReader;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.dataset.DatasetSplit;
import io.stocklambda.core.dataset.TimeSplit;
import java.nio.file.Path;
import java.util.NavigableSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole batch path at the real dataset's shape, scaled to a twentieth of its files (about
 * 880,000 rows over 1962-2017, files from a few rows to 14,000, two malformed lines), through the
 * distribution as users run it: land, windows, training, view and load. Nothing is lost on the way:
 * every landed tick is read by the windows job, every stock of n ticks gives max(0, n - 4) windows,
 * and the view, HBase and Elasticsearch hold exactly one prediction per window.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleIT {

  private static final int WINDOW = 5;

  // not under @TempDir, which is private (700): Elasticsearch runs as another user when we are root
  private final Path work =
      Dist.HOME.getParent().resolve("scale-it-" + UUID.randomUUID()).toAbsolutePath();
  private int[] ports;
  private long ticks;
  private long windows;
  private TimeSplit split;

  @BeforeAll
  void generateTheMarketAndStartTheStack() throws Exception {
    Dist.Result generated =
        Dist.run(
            work,
            "generate",
            "--profile",
            "kaggle",
            "--scale",
            "0.05",
            "--out",
            market().toString());
    assertThat(generated.exit()).as(generated.out() + generated.err()).isZero();
    assertThat(generated.out()).contains("2 malformed line(s)", "from 1962-01-02 to 2017-11-10");
    // what the market holds, counted by core's reader: each file is one stock
    ParseReport report = new ParseReport();
    for (TickSource source : TickCsv.discover(market())) {
      long n = 0;
      try (TickReader reader = TickCsv.read(source, MalformedLinePolicy.SKIP, report)) {
        while (reader.hasNext()) {
          reader.next();
          n++;
        }
      }
      ticks += n;
      windows += Math.max(0, n - (WINDOW - 1));
    }
    assertThat(report.malformedLines()).isEqualTo(2);
    NavigableSet<java.time.LocalDate> dates =
        DatasetSplit.tradingDates(
            TickCsv.discover(market()), MalformedLinePolicy.SKIP, new ParseReport());
    split = TimeSplit.of(dates);

    ports = Dist.freePorts(7);
    Dist.Result up =
        Dist.run(
            work,
            3,
            "stack",
            "up",
            "--dir",
            work.resolve("stack").toString(),
            "--engines",
            "hdfs,hbase,elasticsearch",
            "--hdfs-port",
            "" + ports[0],
            "--hbase-zookeeper-port",
            "" + ports[1],
            "--hbase-master-port",
            "" + ports[2],
            "--hbase-regionserver-port",
            "" + ports[3],
            "--elasticsearch-http-port",
            "" + ports[4],
            "--elasticsearch-transport-port",
            "" + ports[5]);
    assertThat(up.exit()).as(up.out() + up.err()).isZero();
  }

  @AfterAll
  void stopTheStack() throws Exception {
    Dist.Result down = Dist.run(work, "stack", "down", "--dir", work.resolve("stack").toString());
    assertThat(down.exit()).as(down.out() + down.err()).isZero();
  }

  @Test
  @Order(1)
  void landingTakesEveryGoodRowAndQuarantinesTheTwoBadLines() throws Exception {
    Dist.Result land =
        Dist.run(work, 5, "ingest", "land", "--input", market().toString(), "--hdfs", hdfs());
    assertThat(land.exit()).as(land.out() + land.err()).isZero();
    assertThat(number(land.out(), "landed [\\d,]+ file\\(s\\), ([\\d,]+) rows")).isEqualTo(ticks);
    assertThat(land.out())
        .containsPattern("malformed: .*\\.txt:12: low must be")
        .containsPattern("malformed: .*\\.txt:12: expected 7 fields, found 6")
        .contains("2 malformed line(s) in 2 file(s): landed as received and quarantined");
  }

  @Test
  @Order(2)
  void theWindowsJobReadsEveryLandedTickAndMakesOneWindowPerTickAfterTheFirstFourOfEachStock()
      throws Exception {
    Dist.Result job = Dist.run(work, 10, "batch", "windows", "--run", "w", "--hdfs", hdfs());
    assertThat(job.exit()).as(job.out() + job.err()).isZero();
    assertThat(counter(job.out(), "ticks")).isEqualTo(ticks);
    assertThat(counter(job.out(), "malformed lines")).isEqualTo(2);
    assertThat(counter(job.out(), "windows")).isEqualTo(windows);
    assertThat(counter(job.out(), "input files"))
        .as("few map tasks for many files: see the splits line")
        .isGreaterThan(400);
    assertThat(job.out())
        .containsPattern("map done: [\\d,]+ ticks")
        .contains("splits of at most 64 MB");
  }

  @Test
  @Order(3)
  void trainingLearnsFromSamplesOfTheirCapsAndSaysWhatEachStepCost() throws Exception {
    Dist.Result train =
        Dist.run(
            work,
            15,
            "batch",
            "train",
            "--training",
            "w",
            "--version",
            "m",
            "--promote",
            "always",
            "--hdfs",
            hdfs(),
            "--cutoff",
            split.cutoff().toString(),
            "--validation-years",
            "" + split.validationYears(),
            "--train-years",
            "0",
            "--gbt-iterations",
            "5",
            "--max-train-rows",
            "100000",
            "--max-eval-rows",
            "50000");
    assertThat(train.exit()).as(train.out() + train.err()).isZero();
    assertThat(train.out())
        .contains("seeded samples", "this model is now CURRENT", "time by step: census");
  }

  @Test
  @Order(4)
  void theViewScoresEveryWindowAndTheStoresServeExactlyThoseRows() throws Exception {
    Dist.Result view =
        Dist.run(work, 10, "batch", "view", "--training", "w", "--run", "v", "--hdfs", hdfs());
    assertThat(view.exit()).as(view.out() + view.err()).isZero();
    assertThat(number(view.out(), "batch view v: ([\\d,]+) predictions")).isEqualTo(windows);

    Dist.Result load =
        Dist.run(
            work,
            10,
            "serving",
            "load-batch",
            "--view",
            "v",
            "--hdfs",
            hdfs(),
            "--zookeeper",
            zookeeper(),
            "--elasticsearch",
            elasticsearch());
    assertThat(load.exit()).as(load.out() + load.err()).isZero();
    assertThat(load.out()).contains("bulk load of its HFiles");
    assertThat(number(load.out(), "batch view v served up to [\\d-]+: ([\\d,]+) rows"))
        .isEqualTo(windows);

    Dist.Result status =
        Dist.run(
            work,
            5,
            "serving",
            "status",
            "--count",
            "--zookeeper",
            zookeeper(),
            "--elasticsearch",
            elasticsearch());
    assertThat(status.exit()).as(status.out() + status.err()).isZero();
    assertThat(number(status.out(), "batch view rows ([\\d,]+)")).as("HBase").isEqualTo(windows);
    assertThat(number(status.out(), "predictions-batch-\\d+: ([\\d,]+) documents"))
        .as("Elasticsearch")
        .isEqualTo(windows);
  }

  private Path market() {
    return work.resolve("market");
  }

  private String hdfs() {
    return "hdfs://127.0.0.1:" + ports[0];
  }

  private String zookeeper() {
    return "127.0.0.1:" + ports[1];
  }

  private String elasticsearch() {
    return "http://127.0.0.1:" + ports[4];
  }

  /** A counter of the windows job's summary, e.g. {@code windows 1,234}. */
  private static long counter(String out, String name) {
    return number(out, "\\n  " + Pattern.quote(name) + " +([\\d,]+)\\n");
  }

  private static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("'" + regex + "' in:\n" + text).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }
}
