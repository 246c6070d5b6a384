package io.stocklambda.speed;

import io.stocklambda.kafka.DeadLetterHeaders;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' {@code processing.exception.handler} (KIP-1033, with KIP-1034's dead-letter
 * records, to the topic of {@code errors.dead.letter.queue.topic.name}): the net under {@link
 * ScoringProcessor}, which dead-letters what it knows to be poison itself. Whatever else a
 * processor throws that is not Kafka's own exception is taken as a deterministic failure of the
 * record: its source bytes go to the dead-letter topic with the reason and the source coordinates,
 * and processing resumes, so the thread is never replaced to retry the same offset forever. Kafka's
 * exceptions (the broker, a state store) still fail the task.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

  private String dlqTopic;

  @Override
  public void configure(Map<String, ?> configs) {
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    if (topic == null) {
      throw new IllegalArgumentException(
          StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG + " is not set");
    }
    dlqTopic = topic.toString();
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (exception instanceof KafkaException) {
      return Response.fail();
    }
    String reason = exception.getClass().getSimpleName() + ": " + exception.getMessage();
    LOG.warn(
        "record {}-{}@{} sent to {} after processor {} failed on it: {}",
        context.topic(),
        context.partition(),
        context.offset(),
        dlqTopic,
        context.processorNodeId(),
        reason);
    ProducerRecord<byte[], byte[]> dead =
        new ProducerRecord<>(
            dlqTopic,
            null,
            context.timestamp(),
            context.sourceRawKey(),
            context.sourceRawValue(),
            DeadLetterHeaders.of(
                context.headers(),
                reason,
                context.topic(),
                context.partition(),
                context.offset(),
                "speed-layer"));
    return Response.resume(List.of(dead));
  }
}
