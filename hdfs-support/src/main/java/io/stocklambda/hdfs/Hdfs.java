package io.stocklambda.hdfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The one way a component opens the dataset's file system: a private instance (closing it does not
 * close another user's cached one) with client settings for a small cluster. The Spark jobs use
 * Spark's own Hadoop configuration instead, as Spark requires.
 */
public final class Hdfs {

  private Hdfs() {}

  /** A private file system instance (closing it does not close other users' cached one). */
  public static FileSystem open(String uri) {
    Configuration conf = new Configuration();
    conf.setInt("ipc.client.connect.max.retries", 3);
    conf.setInt("ipc.client.connect.max.retries.on.timeouts", 3);
    // closing a file waits for the NameNode to see its last block; the default first wait, 400 ms,
    // made landing many small files crawl (270 ms a file); retries still back off from here
    conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 20);
    try {
      return FileSystem.newInstance(URI.create(uri), conf);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot reach the file system at " + uri + ": " + e.getMessage(), e);
    }
  }
}
