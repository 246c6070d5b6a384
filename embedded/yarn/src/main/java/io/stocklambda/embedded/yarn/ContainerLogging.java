package io.stocklambda.embedded.yarn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The logging configuration of the containers: the cluster's classpath logs through logback, which
 * without a configuration would log Hadoop at DEBUG. INFO to the container's stdout file, which
 * {@code yarn logs} and the NodeManager's log directory show.
 */
final class ContainerLogging {

  static final String FILE = "container-logback.xml";

  private static final String XML =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <!-- written by the embedded YARN engine for its containers -->
      <configuration>
        <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
          <encoder>
            <pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n</pattern>
          </encoder>
        </appender>
        <logger name="org.apache.hadoop.conf.Configuration.deprecation" level="WARN"/>
        <logger name="org.apache.hadoop.metrics2" level="WARN"/>
        <root level="INFO">
          <appender-ref ref="STDOUT"/>
        </root>
      </configuration>
      """;

  private ContainerLogging() {}

  static void write(Path file) throws IOException {
    Files.writeString(file, XML);
  }
}
