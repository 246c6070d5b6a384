package io.stocklambda.cli.stack;

import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.help.Discussion;
import io.stocklambda.embedded.stack.EmbeddedStack;
import io.stocklambda.embedded.stack.Endpoints;
import io.stocklambda.embedded.stack.Engine;
import io.stocklambda.embedded.stack.StackPorts;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** {@code stocklambda stack up}. */
@Command(
    name = "up",
    description =
        "Start Kafka, HDFS, HBase and Elasticsearch as local processes and wait until each is ready")
@Discussion(
    paragraphs = {
      "Each engine runs as its own process, its data and logs under --dir; 'up' after 'down' keeps the data.",
      "Elasticsearch refuses to run as root: started by root, the stack runs it as the unprivileged user 'stocklambda' "
          + "(created if missing; set STOCKLAMBDA_SERVICE_USER to use another) and hands it its directory."
    })
public final class StackUpCommand extends StackCommand {

  @Option(
      name = "--engines",
      title = "engines",
      description =
          "Comma-separated engines to start (default kafka,hdfs,hbase,elasticsearch); add yarn "
              + "for a ResourceManager, a NodeManager and MapReduce's history server (needs hdfs; "
              + "its client configuration, for --hadoop-conf-dir or HADOOP_CONF_DIR, is written to "
              + "<dir>/yarn/conf); add oozie for an Oozie 5.2.1 server (needs hdfs and yarn; its sharelib is "
              + "installed into HDFS on the first start)")
  String engines = "kafka,hdfs,hbase,elasticsearch";

  @AirlineModule StackPortOptions ports = new StackPortOptions();

  @Override
  protected int run(EmbeddedStack stack) {
    Set<Engine> selected = engines();
    StackPorts ports = ports();
    long start = System.nanoTime();
    stack.up(selected, ports);
    Endpoints endpoints = stack.endpoints();
    out().printf("%nstack ready in %.1f s in %s%n", (System.nanoTime() - start) / 1e9, stack.dir());
    for (Engine engine : selected) {
      out().printf("  %-13s %s%n", engine.id(), endpoints.of(engine));
    }
    out()
        .println(
            "check it with 'stocklambda stack status', stop it with 'stocklambda stack down' (add --dir "
                + dir
                + " if not the default)");
    return 0;
  }

  Set<Engine> engines() {
    Set<Engine> selected = EnumSet.noneOf(Engine.class);
    Arrays.stream(engines.split(","))
        .filter(s -> !s.isBlank())
        .map(Engine::of)
        .forEach(selected::add);
    if (selected.isEmpty()) {
      throw new IllegalArgumentException("--engines names no engine");
    }
    return selected;
  }

  StackPorts ports() {
    return ports.ports();
  }
}
