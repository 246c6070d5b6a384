package io.stocklambda.embedded.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.embedded.stack.junit.EmbeddedStackTest;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * The JUnit extension other modules' integration tests use: engines started once, endpoints
 * injected.
 */
@EmbeddedStackTest(Engine.KAFKA)
class EmbeddedStackExtensionIT {

  @Test
  void injectsTheEndpointsOfARunningEngine(Endpoints endpoints) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", endpoints.kafkaBootstrap()))) {
      assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
    }
  }
}
