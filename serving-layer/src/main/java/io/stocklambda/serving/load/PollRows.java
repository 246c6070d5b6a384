package io.stocklambda.serving.load;

import io.stocklambda.core.json.MalformedRecordException;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.prediction.PredictionJson;
import io.stocklambda.core.serving.LambdaMerge;
import io.stocklambda.kafka.DeadLetterSink;
import io.stocklambda.serving.ServingMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A poll of {@code predictions} as speed-view rows: a record holds a tick's new call and the
 * previous call it resolved ({@link PredictionJson#read}); one row per (stock, date), the one
 * core's {@link LambdaMerge#newer} keeps; each row's record (for the dead-letter topic); the
 * offsets after the poll. Records that are not predictions, and candidates' shadow calls, go to the
 * dead-letter topic with the reason.
 *
 * @param rows mutable: a store's refusals are removed from it
 */
record PollRows(
    List<Prediction> rows,
    Map<Prediction, ConsumerRecord<byte[], byte[]>> sources,
    Map<TopicPartition, OffsetAndMetadata> offsets) {

  private static final Logger LOG = LoggerFactory.getLogger(PollRows.class);

  /** A row's key in a poll: its stock and date. */
  static String key(Prediction p) {
    return p.stock() + "\u0000" + p.date();
  }

  static PollRows of(
      ConsumerRecords<byte[], byte[]> records, DeadLetterSink deadLetters, ServingMetrics metrics) {
    Map<String, Prediction> rows = new LinkedHashMap<>();
    Map<Prediction, ConsumerRecord<byte[], byte[]>> sources = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      metrics.speedRecords.increment();
      offsets.put(
          new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
      try {
        List<Prediction> calls = PredictionJson.read(r.value());
        Prediction shadow =
            calls.stream().filter(p -> p.layer() == Layer.SHADOW).findFirst().orElse(null);
        if (shadow != null) {
          // a candidate's call is measured, never served
          metrics.poison.increment();
          deadLetters.send(r, "a shadow prediction of candidate " + shadow.modelVersion());
          continue;
        }
        for (Prediction p : calls) {
          rows.merge(key(p), p, LambdaMerge::newer);
          sources.put(p, r);
        }
      } catch (MalformedRecordException e) {
        metrics.poison.increment();
        LOG.warn(
            "record {}-{}@{} is not a prediction ({}); sent to the dead-letter topic",
            r.topic(),
            r.partition(),
            r.offset(),
            e.reason());
        deadLetters.send(r, e.reason());
      }
    }
    return new PollRows(new ArrayList<>(rows.values()), sources, offsets);
  }
}
