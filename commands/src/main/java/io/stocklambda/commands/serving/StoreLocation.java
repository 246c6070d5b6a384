package io.stocklambda.commands.serving;

import com.github.rvesse.airline.annotations.Option;
import io.stocklambda.core.config.Defaults;

/** Where the serving stores are: an option group every serving command shares. */
public class StoreLocation {

  @Option(
      name = "--zookeeper",
      title = "host:port",
      description = "HBase's ZooKeeper quorum (default " + Defaults.HBASE_ZOOKEEPER + ")")
  public String zookeeper = Defaults.HBASE_ZOOKEEPER;

  @Option(
      name = "--elasticsearch",
      title = "url",
      description =
          "Elasticsearch URL(s), comma-separated (default "
              + Defaults.ELASTICSEARCH_URL
              + "); with security on, the credentials come from STOCKLAMBDA_ES_USER and STOCKLAMBDA_ES_PASSWORD")
  public String elasticsearch = Defaults.ELASTICSEARCH_URL;
}
