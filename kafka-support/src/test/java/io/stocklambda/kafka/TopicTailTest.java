package io.stocklambda.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TopicTailTest {

  @Test
  void aTopicThatAppearsLaterIsReadFromItsBeginningAndNewPartitionsToo() {
    MockConsumer<String, byte[]> mock = new MockConsumer<>("latest");
    List<String> seen = new ArrayList<>();
    TopicTail tail = new TopicTail(mock, List.of("t"), r -> seen.add(r.key()));
    tail.assign(Duration.ZERO);
    assertThat(mock.assignment()).as("no topic yet").isEmpty();

    TopicPartition p0 = new TopicPartition("t", 0);
    TopicPartition p1 = new TopicPartition("t", 1);
    mock.updatePartitions("t", List.of(new PartitionInfo("t", 0, null, null, null)));
    mock.updateBeginningOffsets(Map.of(p0, 0L, p1, 0L));
    mock.updateEndOffsets(Map.of(p0, 2L, p1, 1L));
    tail.assign(Duration.ZERO);
    mock.addRecord(new ConsumerRecord<>("t", 0, 0, "a", new byte[0]));
    mock.addRecord(new ConsumerRecord<>("t", 0, 1, "b", null));
    tail.poll(Duration.ZERO);
    assertThat(seen).containsExactly("a", "b");

    mock.updatePartitions(
        "t",
        List.of(
            new PartitionInfo("t", 0, null, null, null),
            new PartitionInfo("t", 1, null, null, null)));
    tail.assign(Duration.ZERO);
    assertThat(mock.assignment()).containsExactlyInAnyOrder(p0, p1);
    assertThat(mock.position(p1)).as("the new partition from its beginning").isZero();
    mock.addRecord(new ConsumerRecord<>("t", 1, 0, "c", new byte[0]));
    tail.poll(Duration.ZERO);
    assertThat(seen).containsExactly("a", "b", "c");
  }
}
