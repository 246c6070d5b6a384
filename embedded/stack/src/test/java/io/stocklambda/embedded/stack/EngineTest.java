package io.stocklambda.embedded.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineTest {

  @Test
  void optionsOfTheEnvironmentFollowTheDefaults() {
    Map<String, String> env = Map.of("STOCKLAMBDA_STACK_HBASE_OPTS", "  -Xmx2g   -XX:+UseG1GC ");
    List<String> options = Engine.HBASE.jvmOptions(env::get);
    assertEquals(Engine.HBASE.jvmOptions(), options.subList(0, Engine.HBASE.jvmOptions().size()));
    assertEquals(
        List.of("-Xmx2g", "-XX:+UseG1GC"),
        options.subList(Engine.HBASE.jvmOptions().size(), options.size()));
  }

  @Test
  void withoutTheVariableTheDefaults() {
    assertEquals(Engine.KAFKA.jvmOptions(), Engine.KAFKA.jvmOptions(Map.of("X", "y")::get));
    assertEquals(
        Engine.KAFKA.jvmOptions(),
        Engine.KAFKA.jvmOptions(Map.of("STOCKLAMBDA_STACK_KAFKA_OPTS", " ")::get));
  }

  @Test
  void eachEngineHasItsOwnVariable() {
    assertEquals("STOCKLAMBDA_STACK_ELASTICSEARCH_OPTS", Engine.ELASTICSEARCH.optionsVariable());
    assertEquals("STOCKLAMBDA_STACK_OOZIE_OPTS", Engine.OOZIE.optionsVariable());
  }
}
