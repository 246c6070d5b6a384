package io.stocklambda.embedded.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackPortsTest {

  @TempDir Path dir;

  @Test
  void eachEngineGetsItsPortsUnderTheNamesItsProcessTakes() {
    StackPorts ports = StackPorts.defaults();
    assertThat(ports.of(Engine.KAFKA))
        .containsExactly(Map.entry("port", 9092), Map.entry("controller-port", 9093));
    assertThat(ports.of(Engine.HDFS)).containsExactly(Map.entry("port", 8020));
    assertThat(ports.of(Engine.HBASE))
        .containsExactly(
            Map.entry("zookeeper-port", 2181),
            Map.entry("master-port", 16000),
            Map.entry("regionserver-port", 16020));
    assertThat(ports.of(Engine.ELASTICSEARCH))
        .containsExactly(Map.entry("http-port", 9200), Map.entry("transport-port", 9300));
    assertThat(ports.of(Engine.YARN))
        .containsExactly(Map.entry("port", 8032), Map.entry("webapp-port", 8088));
    assertThat(ports.of(Engine.OOZIE)).containsExactly(Map.entry("port", 11000));
  }

  @Test
  void yarnIsNotStartedWithoutTheHdfsItKeepsItsJobsIn() {
    assertThatThrownBy(
            () -> Engine.requireDependencies(java.util.List.of(Engine.YARN), java.util.Set.of()))
        .isInstanceOf(StackException.class)
        .hasMessage("yarn needs hdfs: add it to --engines");
    Engine.requireDependencies(java.util.List.of(Engine.YARN, Engine.HDFS), java.util.Set.of());
    Engine.requireDependencies(java.util.List.of(Engine.YARN), java.util.Set.of("hdfs"));
    assertThatThrownBy(
            () ->
                Engine.requireDependencies(
                    java.util.List.of(Engine.HDFS, Engine.OOZIE), java.util.Set.of()))
        .hasMessage("oozie needs yarn: add it to --engines");
  }

  @Test
  void aTakenPortIsNamedWithTheOptionToChangeIt() throws IOException {
    StackPorts ports = StackPorts.free();
    try (ServerSocket squatter =
        new ServerSocket(ports.kafkaController(), 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> ports.requireFree(Engine.KAFKA))
          .isInstanceOf(StackException.class)
          .hasMessage(
              "port "
                  + ports.kafkaController()
                  + " (kafka controller-port) is taken by another process; "
                  + "stop it or choose another port with --kafka-controller-port");
    }
    ports.requireFree(Engine.KAFKA);
  }

  @Test
  void outOfRangePortsAreRefused() {
    assertThatThrownBy(() -> new StackPorts(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
        .hasMessageContaining("1..65535");
  }

  @Test
  void endpointsAreWhatClientsConnectTo() {
    Endpoints e = new Endpoints(StackPorts.defaults(), java.nio.file.Path.of("/s"));
    assertThat(e.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
    assertThat(e.hdfsUri()).isEqualTo("hdfs://127.0.0.1:8020");
    assertThat(e.hbaseZookeeperPort()).isEqualTo(2181);
    assertThat(e.elasticsearchUrl()).isEqualTo("http://127.0.0.1:9200");
    assertThat(e.yarnResourceManager()).isEqualTo("127.0.0.1:8032");
    assertThat(e.hadoopConfDir()).isEqualTo(java.nio.file.Path.of("/s/yarn/conf"));
  }

  @Test
  void theStateSurvivesItsFile() {
    StackState state =
        new StackState(StackPorts.defaults(), Map.of())
            .with(
                Engine.KAFKA,
                new StackState.Running(
                    42, "127.0.0.1:9092", Instant.parse("2026-11-26T16:47:22Z"), 9100));

    state.save(dir);

    assertThat(StackState.load(dir)).contains(state);
    state.without(Engine.KAFKA).save(dir);
    assertThat(StackState.load(dir)).isEmpty();
  }

  @Test
  void elasticsearchWritesItsLogsAndHeapDumpsUnderTheStackNotItsHome() {
    ElasticsearchLauncher launcher = new ElasticsearchLauncher(dir, null);
    String shipped =
        """
        -XX:HeapDumpPath=data
        -XX:ErrorFile=logs/hs_err_pid%p.log
        9-:-Xlog:gc*,gc+age=trace,safepoint:file=logs/gc.log:utctime,pid,tags:filecount=32,filesize=64m
        """;

    String rewritten = launcher.jvmOptions(shipped);

    Path es = dir.resolve("elasticsearch").toAbsolutePath();
    assertThat(rewritten)
        .contains(
            "-XX:HeapDumpPath=" + es.resolve("data"),
            "-XX:ErrorFile=" + es.resolve("logs") + "/hs_err",
            "file=" + es.resolve("logs/gc.log") + ":utctime");
    assertThat(launcher.settings(StackPorts.defaults()))
        .contains(
            "http.port: 9200",
            "transport.port: 9300",
            "network.host: 127.0.0.1",
            "discovery.type: single-node",
            "xpack.security.enabled: false");
    assertThat(
            new ElasticsearchLauncher(
                    dir, new ElasticsearchSecurity("secret-1", Map.of(), List.of()))
                .settings(StackPorts.defaults()))
        .contains("xpack.security.enabled: true");
  }
}
