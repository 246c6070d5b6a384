package io.stocklambda.embedded.stack.junit;

import io.stocklambda.embedded.stack.Engine;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test class that needs real engines. They are started once per test JVM, shared by
 * every class that asks (started as the first class asks for them), kept under {@code
 * target/embedded-stack}, on free ports, and stopped when the test run ends. Test methods and
 * constructors take {@link io.stocklambda.embedded.stack.Endpoints} as a parameter.
 *
 * <pre>{@code
 * @EmbeddedStackTest({Engine.KAFKA, Engine.HDFS})
 * class ArchiveIT {
 *   @Test void archives(Endpoints endpoints) { ... endpoints.kafkaBootstrap() ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(EmbeddedStackExtension.class)
public @interface EmbeddedStackTest {

  /** The engines the class needs. */
  Engine[] value();
}
