package io.stocklambda.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklambda.core.csv.MalformedLineException;
import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.csv.TickReader;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.synth.SyntheticMarket;
import io.stocklambda.core.synth.SyntheticMarketConfig;
import io.stocklambda.core.tick.Tick;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSplitTest {

  @TempDir Path dir;

  @Test
  void thePartsHoldExactlyTheInputsTicksOnEitherSideOfTheDate() {
    Path market = dir.resolve("market");
    new SyntheticMarket(
            new SyntheticMarketConfig(12, 300, 7L, SyntheticMarketConfig.DEFAULT_START, 2, 1))
        .write(market);
    NavigableSet<LocalDate> dates =
        DatasetSplit.tradingDates(
            TickCsv.discover(market), MalformedLinePolicy.FAIL, new ParseReport());
    LocalDate firstLive = DatasetSplit.firstOfLast(dates, 20);
    assertThat(dates.tailSet(firstLive, true)).hasSize(20);

    ParseReport report = new ParseReport();
    DatasetSplit.Result result =
        DatasetSplit.split(
            market,
            firstLive,
            dir.resolve("h"),
            dir.resolve("l"),
            MalformedLinePolicy.FAIL,
            report);

    List<Tick> all = ticks(market);
    List<Tick> history = ticks(result.history());
    List<Tick> live = ticks(result.live());
    assertThat(history).allMatch(t -> t.date().isBefore(firstLive));
    assertThat(live).allMatch(t -> !t.date().isBefore(firstLive));
    List<Tick> together = new ArrayList<>(history);
    together.addAll(live);
    assertThat(together).containsExactlyInAnyOrderElementsOf(all);
    assertThat(result.historyRows()).isEqualTo(history.size());
    assertThat(result.liveRows()).isEqualTo(live.size());
    assertThat(report.emptyFiles()).hasSize(1);
    assertThat(Files.exists(result.history().resolve("ETFs")))
        .as("the input's layout is kept")
        .isTrue();
  }

  @Test
  void aMergedFileStaysMerged() throws IOException {
    Path merged = dir.resolve("data.csv");
    Files.writeString(
        merged,
        String.join(
            "\n",
            "Date,Open,High,Low,Close,Volume,OpenInt,Stock",
            "2017-01-03,1,1,1,1,10,0,aa.us",
            "2017-01-03,2,2,2,2,10,0,bb.us",
            "2017-01-04,1.5,1.5,1.5,1.5,10,0,aa.us",
            "2017-01-05,3,3,3,3,10,0,bb.us",
            ""));

    DatasetSplit.Result result =
        DatasetSplit.split(
            merged,
            LocalDate.parse("2017-01-04"),
            dir.resolve("h"),
            dir.resolve("l"),
            MalformedLinePolicy.FAIL,
            new ParseReport());

    assertThat(ticks(result.history())).extracting(Tick::stock).containsExactly("aa.us", "bb.us");
    assertThat(ticks(result.live())).extracting(Tick::stock).containsExactly("aa.us", "bb.us");
    assertThat(Files.readString(result.live().resolve("data.csv")))
        .startsWith("Date,Open,High,Low,Close,Volume,OpenInt,Stock");
  }

  @Test
  void aMalformedLineStopsTheSplitNamingFileAndLine() throws IOException {
    Path input = dir.resolve("in");
    Files.createDirectories(input);
    Files.writeString(
        input.resolve("xx.us.txt"),
        "Date,Open,High,Low,Close,Volume,OpenInt\n2017-01-03,1,1,1,1,10,0\n2017-01-04,1,oops,1,1,10,0\n");

    assertThatThrownBy(
            () ->
                DatasetSplit.split(
                    input,
                    LocalDate.parse("2017-01-04"),
                    dir.resolve("h"),
                    dir.resolve("l"),
                    MalformedLinePolicy.FAIL,
                    new ParseReport()))
        .isInstanceOf(MalformedLineException.class)
        .hasMessageContaining("xx.us.txt")
        .hasMessageContaining("3");
  }

  @Test
  void keepingEveryDateForTheLivePartIsRefused() {
    NavigableSet<LocalDate> dates =
        new TreeSet<>(List.of(LocalDate.parse("2017-01-03"), LocalDate.parse("2017-01-04")));
    assertThat(DatasetSplit.firstOfLast(dates, 1)).isEqualTo(LocalDate.parse("2017-01-04"));
    assertThatThrownBy(() -> DatasetSplit.firstOfLast(dates, 2)).hasMessageContaining("no history");
  }

  private static List<Tick> ticks(Path input) {
    List<Tick> out = new ArrayList<>();
    for (TickSource source : TickCsv.discover(input)) {
      try (TickReader reader = TickCsv.read(source, MalformedLinePolicy.FAIL, new ParseReport())) {
        reader.forEachRemaining(out::add);
      }
    }
    return out;
  }
}
