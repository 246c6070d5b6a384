package io.stocklambda.embedded.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole embedded stack, for real: up, a write and a read through each engine's own client,
 * down, up again on the same directory, every write found again, down, and no process left.
 */
class StackIT {

  private static final Set<Engine> ALL = EnumSet.allOf(Engine.class);
  private final Path dir =
      Paths.get(System.getProperty("java.io.tmpdir"), "stack-it-" + UUID.randomUUID());
  private final EmbeddedStack stack =
      new EmbeddedStack(dir, line -> System.out.println("[stack-it] " + line));

  @AfterEach
  void stopWhateverIsLeft() {
    stack.down();
  }

  @Test
  @Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
  void everyEngineKeepsItsDataAcrossARestartAndDownLeavesNoProcess() throws Exception {
    // Given a running stack
    StackPorts ports = StackPorts.free();
    stack.up(ALL, ports);
    Endpoints endpoints = stack.endpoints();
    assertThat(stack.status())
        .hasSize(ALL.size())
        .allSatisfy(s -> assertThat(s.healthy()).as(s.detail()).isTrue());

    // When each engine is written through its real client
    kafkaWrite(endpoints);
    hdfsWrite(endpoints);
    hbaseWrite(endpoints);
    elasticsearchWrite(endpoints);
    assertThat(kafkaRead(endpoints)).isEqualTo("tick");
    assertThat(hdfsRead(endpoints)).isEqualTo("hello hdfs");
    assertThat(hbaseRead(endpoints)).isEqualTo("hello hbase");
    assertThat(elasticsearchHits(endpoints)).isEqualTo(1);

    // And the stack is brought down and up again on the same directory
    List<Long> firstPids = pids();
    stack.down();
    assertThat(firstPids)
        .allSatisfy(
            pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse());
    assertThat(stack.state()).isEmpty();
    stack.up(ALL, ports);

    // Then every write is found again
    assertThat(kafkaRead(endpoints)).isEqualTo("tick");
    assertThat(hdfsRead(endpoints)).isEqualTo("hello hdfs");
    assertThat(hbaseRead(endpoints)).isEqualTo("hello hbase");
    assertThat(elasticsearchHits(endpoints)).isEqualTo(1);

    // And down leaves no process behind
    List<Long> secondPids = pids();
    stack.down();
    assertThat(secondPids)
        .allSatisfy(
            pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse());
    assertThat(
            ProcessHandle.allProcesses()
                .filter(
                    p -> p.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false)))
        .as("processes still naming %s", dir)
        .isEmpty();
  }

  @Test
  void aTakenPortIsNamedAndNothingStarts() throws IOException {
    StackPorts ports = StackPorts.free();
    try (java.net.ServerSocket squatter =
        new java.net.ServerSocket(ports.hdfs(), 1, java.net.InetAddress.getLoopbackAddress())) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> stack.up(ALL, ports))
          .isInstanceOf(StackException.class)
          .hasMessageContaining("port " + ports.hdfs() + " (hdfs port) is taken")
          .hasMessageContaining("--hdfs-port");
    }
    assertThat(stack.state()).isEmpty();
  }

  private List<Long> pids() {
    return stack.state().orElseThrow().engines().values().stream()
        .map(StackState.Running::pid)
        .toList();
  }

  private static void kafkaWrite(Endpoints e) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", e.kafkaBootstrap()))) {
      admin.createTopics(List.of(new NewTopic("it-ticks", 1, (short) 1))).all().get();
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, e.kafkaBootstrap());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>("it-ticks", "ibm.us", "tick")).get();
    }
  }

  private static String kafkaRead(Endpoints e) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, e.kafkaBootstrap());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("it-ticks"));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          return record.value();
        }
      }
      return null;
    }
  }

  private static FileSystem hdfs(Endpoints e) throws IOException {
    return FileSystem.newInstance(URI.create(e.hdfsUri()), new Configuration());
  }

  private static void hdfsWrite(Endpoints e) throws IOException {
    try (FileSystem fs = hdfs(e);
        FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path("/it/hello.txt"))) {
      out.write("hello hdfs".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String hdfsRead(Endpoints e) throws IOException {
    try (FileSystem fs = hdfs(e);
        FSDataInputStream in = fs.open(new org.apache.hadoop.fs.Path("/it/hello.txt"))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Connection hbase(Endpoints e) throws IOException {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", e.hbaseZookeeperQuorum());
    conf.setInt("hbase.zookeeper.property.clientPort", e.hbaseZookeeperPort());
    return ConnectionFactory.createConnection(conf);
  }

  private static final TableName TABLE = TableName.valueOf("it", "hello");

  private static void hbaseWrite(Endpoints e) throws IOException {
    try (Connection connection = hbase(e);
        org.apache.hadoop.hbase.client.Admin admin = connection.getAdmin()) {
      admin.createNamespace(NamespaceDescriptor.create("it").build());
      admin.createTable(
          TableDescriptorBuilder.newBuilder(TABLE)
              .setColumnFamily(ColumnFamilyDescriptorBuilder.of("f"))
              .build());
      try (Table table = connection.getTable(TABLE)) {
        table.put(
            new Put(Bytes.toBytes("row"))
                .addColumn(Bytes.toBytes("f"), Bytes.toBytes("q"), Bytes.toBytes("hello hbase")));
      }
    }
  }

  private static String hbaseRead(Endpoints e) throws IOException {
    try (Connection connection = hbase(e);
        Table table = connection.getTable(TABLE)) {
      return Bytes.toString(
          table
              .get(new Get(Bytes.toBytes("row")))
              .getValue(Bytes.toBytes("f"), Bytes.toBytes("q")));
    }
  }

  private static RestHighLevelClient elasticsearch(Endpoints e) {
    URI uri = URI.create(e.elasticsearchUrl());
    return new RestHighLevelClient(
        RestClient.builder(new HttpHost(uri.getHost(), uri.getPort(), "http")));
  }

  private static void elasticsearchWrite(Endpoints e) throws IOException {
    try (RestHighLevelClient client = elasticsearch(e)) {
      client.index(
          new IndexRequest("it-hello")
              .id("1")
              .source(Map.of("message", "hello elasticsearch"))
              .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE),
          RequestOptions.DEFAULT);
    }
  }

  private static long elasticsearchHits(Endpoints e) throws IOException {
    try (RestHighLevelClient client = elasticsearch(e)) {
      return client
          .search(
              new SearchRequest("it-hello")
                  .source(
                      new SearchSourceBuilder()
                          .query(QueryBuilders.matchQuery("message", "hello"))),
              RequestOptions.DEFAULT)
          .getHits()
          .getTotalHits()
          .value;
    }
  }
}
