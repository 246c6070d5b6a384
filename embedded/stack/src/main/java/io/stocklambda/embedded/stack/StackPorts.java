package io.stocklambda.embedded.stack;

import io.stocklambda.embedded.runtime.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fixed ports of the stack; every one can be changed. Everything binds to 127.0.0.1. */
public record StackPorts(
    int kafka,
    int kafkaController,
    int hdfs,
    int hbaseZookeeper,
    int hbaseMaster,
    int hbaseRegionServer,
    int elasticsearch,
    int elasticsearchTransport,
    int yarn,
    int yarnWebapp,
    int oozie) {

  public StackPorts {
    for (int port :
        List.of(
            kafka,
            kafkaController,
            hdfs,
            hbaseZookeeper,
            hbaseMaster,
            hbaseRegionServer,
            elasticsearch,
            elasticsearchTransport,
            yarn,
            yarnWebapp,
            oozie)) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("ports must lie in 1..65535, was " + port);
      }
    }
  }

  /** The engines' usual ports. */
  public static StackPorts defaults() {
    return new StackPorts(9092, 9093, 8020, 2181, 16000, 16020, 9200, 9300, 8032, 8088, 11000);
  }

  /**
   * Ports free right now, for tests that must not collide with anything: below the kernel's
   * ephemeral range, so that no process binding port 0 takes one before its engine binds it ({@link
   * FreePorts}).
   */
  public static StackPorts free() {
    int[] p = FreePorts.take(11);
    return new StackPorts(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10]);
  }

  /** An engine's ports by the names its process takes them under ({@code --port 9092}). */
  public Map<String, Integer> of(Engine engine) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    switch (engine) {
      case KAFKA -> {
        ports.put("port", kafka);
        ports.put("controller-port", kafkaController);
      }
      case HDFS -> ports.put("port", hdfs);
      case HBASE -> {
        ports.put("zookeeper-port", hbaseZookeeper);
        ports.put("master-port", hbaseMaster);
        ports.put("regionserver-port", hbaseRegionServer);
      }
      case ELASTICSEARCH -> {
        ports.put("http-port", elasticsearch);
        ports.put("transport-port", elasticsearchTransport);
      }
      case YARN -> {
        ports.put("port", yarn);
        ports.put("webapp-port", yarnWebapp);
      }
      case OOZIE -> ports.put("port", oozie);
    }
    return ports;
  }

  /**
   * Fails, naming the port and its engine, if a port of the engine is taken.
   *
   * @throws StackException naming the first taken port
   */
  public void requireFree(Engine engine) {
    of(engine)
        .forEach(
            (name, port) -> {
              try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(
                    true); // as servers bind: connections in TIME_WAIT do not make a port taken
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
              } catch (IOException e) {
                throw new StackException(
                    "port "
                        + port
                        + " ("
                        + engine.id()
                        + " "
                        + name
                        + ") is taken by another process; "
                        + "stop it or choose another port with --"
                        + engine.id()
                        + "-"
                        + name);
              }
            });
  }
}
