package io.stocklambda.batch.mapreduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklambda.core.tick.Tick;
import io.stocklambda.hdfs.HadoopConfDir;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.jar.JarFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code --framework yarn} submits with: the cluster's configuration directory (its site files
 * under {@code -D} options, as in Hadoop), and the job's code (this module's classes packed as the
 * job jar when they come from a directory, the core's jar through the distributed cache).
 */
class ClusterSubmissionTest {

  @TempDir Path dir;

  @Test
  void theSiteFilesConfigureTheClientAndDashDStillWins() throws Exception {
    Configuration site = new Configuration(false);
    site.set("yarn.resourcemanager.address", "rm.example:8032");
    site.set("mapreduce.framework.name", "yarn");
    site.set("mapreduce.job.reduces", "9");
    try (OutputStream out = Files.newOutputStream(dir.resolve("yarn-site.xml"))) {
      site.writeXml(out);
    }
    Configuration conf = new Configuration(false);
    conf.set("mapreduce.job.reduces", "3"); // as -D mapreduce.job.reduces=3 sets it
    HadoopConfDir.find(dir.toString()).orElseThrow().addTo(conf);

    assertThat(conf.get("yarn.resourcemanager.address")).isEqualTo("rm.example:8032");
    assertThat(conf.get("mapreduce.job.reduces")).isEqualTo("3");
    assertThat(HadoopConfDir.find(dir.toString()).orElseThrow().properties())
        .containsEntry("yarn.resourcemanager.address", "rm.example:8032");
  }

  @Test
  void yarnWithoutAConfigurationSaysWhereToFindOne() {
    assertThatThrownBy(
            () -> HadoopConfDir.require(dir.resolve("none").toString(), "--framework yarn"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "holds none of [core-site.xml, hdfs-site.xml, yarn-site.xml, mapred-site.xml]");
    if (System.getenv(HadoopConfDir.ENV) == null) {
      assertThatThrownBy(() -> HadoopConfDir.require(null, "--framework yarn"))
          .hasMessage(
              "--framework yarn needs the cluster's Hadoop configuration: --hadoop-conf-dir or "
                  + "HADOOP_CONF_DIR (the embedded stack's YARN writes it to <stack dir>/yarn/conf)");
    }
  }

  @Test
  void theJobShipsItsOwnClassesAsTheJobJarAndTheCoresJarThroughTheCache() throws Exception {
    Job job = Job.getInstance(new Configuration(false));
    JobJars.ship(job, dir.resolve("jars"));

    Path jobJar = Path.of(job.getJar());
    try (JarFile jar = new JarFile(jobJar.toFile())) {
      assertThat(Collections.list(jar.entries()).stream().map(e -> e.getName()))
          .contains(
              "io/stocklambda/batch/mapreduce/TicksMapper.class",
              "io/stocklambda/batch/mapreduce/WindowsReducer.class");
    }
    String core = job.getConfiguration().get("tmpjars");
    assertThat(core).startsWith("file:").doesNotContain(",");
    Path coreJar = Path.of(java.net.URI.create(core));
    try (JarFile jar = new JarFile(coreJar.toFile())) {
      assertThat(jar.getEntry(Tick.class.getName().replace('.', '/') + ".class")).isNotNull();
    }
  }
}
