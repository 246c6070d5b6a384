package io.stocklambda.commands;

import com.github.rvesse.airline.annotations.Option;

/**
 * Which YARN cluster a batch job runs on: an option group of the commands that can submit to one.
 * Hadoop's convention is the environment's {@code HADOOP_CONF_DIR}; the option names another.
 */
public class ClusterLocation {

  @Option(
      name = "--hadoop-conf-dir",
      title = "dir",
      description =
          "On YARN: the cluster's Hadoop client configuration (core-, yarn-, mapred-site.xml; "
              + "default $HADOOP_CONF_DIR; the embedded stack's is <stack dir>/yarn/conf)")
  public String hadoopConfDir;
}
