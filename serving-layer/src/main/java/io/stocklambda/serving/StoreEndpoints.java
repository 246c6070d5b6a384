package io.stocklambda.serving;

import java.util.Objects;

/**
 * Where the serving stores are, parsed once from the command line.
 *
 * @param zookeeperQuorum HBase's ZooKeeper hosts, comma-separated
 * @param zookeeperPort their client port
 * @param elasticsearch Elasticsearch HTTP URL(s), comma-separated
 */
public record StoreEndpoints(String zookeeperQuorum, int zookeeperPort, String elasticsearch) {

  public StoreEndpoints {
    Objects.requireNonNull(zookeeperQuorum, "zookeeperQuorum");
    Objects.requireNonNull(elasticsearch, "elasticsearch");
    if (zookeeperPort < 1 || zookeeperPort > 65535) {
      throw new IllegalArgumentException("--zookeeper-port must be a port, was " + zookeeperPort);
    }
  }

  /** Parses {@code host[,host...]:port}. */
  public static StoreEndpoints of(String zookeeper, String elasticsearch) {
    int colon = zookeeper.lastIndexOf(':');
    if (colon < 0) {
      return new StoreEndpoints(zookeeper, 2181, elasticsearch);
    }
    try {
      return new StoreEndpoints(
          zookeeper.substring(0, colon),
          Integer.parseInt(zookeeper.substring(colon + 1)),
          elasticsearch);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--zookeeper must be host[,host...][:port], was '" + zookeeper + "'");
    }
  }
}
