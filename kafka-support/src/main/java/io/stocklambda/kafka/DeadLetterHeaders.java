package io.stocklambda.kafka;

import io.stocklambda.core.dataset.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The headers a dead-lettered record carries: why, where it came from, who refused it. */
public final class DeadLetterHeaders {

  private DeadLetterHeaders() {}

  /** The record's own headers plus the error and its origin. */
  public static Headers of(
      Headers original, String reason, String topic, int partition, long offset, String failedBy) {
    return new RecordHeaders(
            original == null ? new org.apache.kafka.common.header.Header[0] : original.toArray())
        .add(Topics.HEADER_ERROR, utf8(reason))
        .add(Topics.HEADER_SOURCE_TOPIC, utf8(topic))
        .add(Topics.HEADER_SOURCE_PARTITION, utf8(Integer.toString(partition)))
        .add(Topics.HEADER_SOURCE_OFFSET, utf8(Long.toString(offset)))
        .add(Topics.HEADER_FAILED_BY, utf8(failedBy));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
