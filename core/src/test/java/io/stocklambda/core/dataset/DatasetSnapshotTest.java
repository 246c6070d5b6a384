package io.stocklambda.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetSnapshotTest {

  @Test
  void itNamesTheLandedBatchesAndTheArrivalDaysOfTheFilesRead() {
    MasterLayout layout = new MasterLayout("/stocklambda");
    String nn = "hdfs://127.0.0.1:8020";
    List<String> files =
        List.of(
            nn + layout.landedBatch("batch-2") + "/Stocks/ibm.us.txt",
            nn + layout.landedBatch("batch-1") + "/Stocks/aapl.us.txt",
            nn + layout.landedBatch("batch-1") + "/ETFs/spy.us.txt",
            nn + layout.streamFile(LocalDate.of(2017, 11, 14), "0-1"),
            nn + layout.streamFile(LocalDate.of(2017, 11, 13), "0-0"),
            nn + layout.streamFile(LocalDate.of(2017, 11, 13), "1-0"));

    DatasetSnapshot s = DatasetSnapshot.of(layout, files, 12_345_678);

    assertThat(s.landedBatches()).containsExactly("batch-1", "batch-2");
    assertThat(s.firstStreamDay()).isEqualTo(LocalDate.of(2017, 11, 13));
    assertThat(s.lastStreamDay()).isEqualTo(LocalDate.of(2017, 11, 14));
    assertThat(s.streamDays()).isEqualTo(2);
    assertThat(s.files()).isEqualTo(6);
    assertThat(s.describe())
        .isEqualTo(
            "2 landed batch(es) (last batch-2), 2 stream day(s) 2017-11-13..2017-11-14, 6 file(s), 12.3 MB");
  }
}
