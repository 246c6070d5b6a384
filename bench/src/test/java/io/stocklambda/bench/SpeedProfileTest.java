package io.stocklambda.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpeedProfileTest {

  @Test
  void samplesAreSharedByThreadGroupCostCentreFromTheLeafDownAndSelfFrame() {
    List<String> collapsed =
        List.of(
            "[app-StreamThread-1 tid=12];org/apache/kafka/streams/processor/internals/StreamTask.process;"
                + "io/stocklambda/speed/ScoringProcessor.process;io/stocklambda/core/json/JsonCodec.decode;"
                + "com/fasterxml/jackson/core/json/UTF8StreamJsonParser.nextToken 6",
            "[app-StreamThread-2 tid=13];org/apache/kafka/streams/state/internals/CachingKeyValueStore.put;"
                + "org/rocksdb/RocksDB.put;rocksdb::DBImpl::Write 3",
            "[kafka-producer-network-thread | app-StreamThread-1-producer tid=40];"
                + "org/apache/kafka/clients/producer/internals/Sender.run;Java_sun_nio_ch_SocketDispatcher_write0;send 1");

    String summary = SpeedProfile.summarize(collapsed);

    assertThat(summary)
        .startsWith("CPU samples: 10 (1 ms each)")
        .contains("   90.0 %  app-StreamThread-N\n")
        .contains("   10.0 %  kafka-producer-network-thread | app-StreamThread-N-producer\n")
        .contains("   60.0 %  JSON (Jackson)\n")
        .contains("   30.0 %  RocksDB (JNI and native)\n")
        .contains("   10.0 %  network and I/O\n")
        .contains("   60.0 %  com/fasterxml/jackson/core/json/UTF8StreamJsonParser.nextToken\n");
    assertThat(summary.indexOf("JSON (Jackson)"))
        .as("the larger share first")
        .isLessThan(summary.indexOf("RocksDB (JNI and native)"));
  }

  @Test
  void aSampleWithNoKnownFrameIsOther() {
    assertThat(SpeedProfile.category(new String[] {"[main tid=1]", "java/lang/Thread.run"}))
        .isEqualTo("other");
  }
}
