package io.stocklambda.commands;

import com.github.rvesse.airline.annotations.Option;
import io.stocklambda.core.config.Defaults;
import io.stocklambda.core.dataset.MasterLayout;

/** Where the dataset is: an option group of every command that reads or writes it in HDFS. */
public class DatasetLocation {

  @Option(
      name = "--hdfs",
      title = "hdfs",
      description =
          "File system of the dataset (default " + Defaults.HDFS_URI + ", the embedded stack's)")
  public String hdfs = Defaults.HDFS_URI;

  @Option(
      name = "--root",
      title = "root",
      description = "Root of the dataset on it (default " + MasterLayout.DEFAULT_ROOT + ")")
  public String root = MasterLayout.DEFAULT_ROOT;

  /** The dataset's layout under {@link #root}. */
  public MasterLayout layout() {
    return new MasterLayout(root);
  }

  /** This location, set to {@code hdfs} and {@code root}. */
  public DatasetLocation at(String hdfs, String root) {
    this.hdfs = hdfs;
    this.root = root;
    return this;
  }
}
