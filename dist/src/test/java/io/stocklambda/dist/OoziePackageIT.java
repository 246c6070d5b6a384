package io.stocklambda.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code stocklambda oozie package} as an operator runs it, and the application it writes: valid
 * against Oozie 5.2.1's XSDs, a job.properties with every value the actions need, every action
 * running this distribution's {@code bin/stocklambda} with arguments that the component the command
 * belongs to accepts with its own command-line parser, in its own classpath.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OoziePackageIT {

  /** The component main of each command group the workflow runs. */
  private static final Map<String, String[]> COMPONENTS =
      Map.of(
          "batch windows",
              new String[] {"batch-mapreduce", "io.stocklambda.batch.mapreduce.MapReduceMain"},
          "batch train", new String[] {"batch-spark", "io.stocklambda.batch.spark.SparkMain"},
          "batch view", new String[] {"batch-spark", "io.stocklambda.batch.spark.SparkMain"},
          "model current", new String[] {"ingest", "io.stocklambda.ingest.IngestMain"},
          "model publish", new String[] {"ingest", "io.stocklambda.ingest.IngestMain"},
          "serving load-batch", new String[] {"serving", "io.stocklambda.serving.ServingMain"});

  private final Path work =
      Dist.HOME.getParent().resolve("oozie-it-" + UUID.randomUUID()).toAbsolutePath();
  private final Path app = work.resolve("app");
  private Dist.Result packaged;

  @BeforeAll
  void packageIt() throws Exception {
    packaged =
        Dist.run(work, "oozie", "package", "--out", app.toString(), "--bootstrap", "kafka:9092");
  }

  @Test
  void thePackageHasTheWorkflowTheCoordinatorAndTheJobProperties() throws Exception {
    assertThat(packaged.exit()).as(packaged.out() + packaged.err()).isZero();
    assertThat(app.resolve("workflow.xml")).isRegularFile();
    assertThat(app.resolve("coordinator.xml")).isRegularFile();
    Properties job = properties();
    assertThat(job.getProperty("stocklambdaHome")).isEqualTo(Dist.HOME.toString());
    assertThat(job.getProperty("kafkaBootstrap")).isEqualTo("kafka:9092");
    assertThat(job.getProperty("oozie.coord.application.path"))
        .matches("hdfs://127.0.0.1:8020/user/[^/]+/stocklambda-oozie/coordinator.xml");
    assertThat(job.getProperty("start")).matches("\\d{4}-\\d{2}-\\d{2}T22:30Z");
    Dist.Result again = Dist.run(work, "oozie", "package", "--out", app.toString());
    assertThat(again.exit())
        .as("an existing directory is not replaced without --force")
        .isNotZero();
    assertThat(again.err() + again.out()).contains("--force");
  }

  @Test
  void thePackagedXmlIsValidAgainstOoziesSchemas() throws Exception {
    validate("workflow.xml", "oozie-workflow-1.0.xsd", "shell-action-1.0.xsd");
    validate("coordinator.xml", "oozie-coordinator-0.5.xsd");
  }

  @Test
  void everyActionRunsThisDistributionWithArgumentsItsComponentAccepts() throws Exception {
    Document workflow = parse(app.resolve("workflow.xml"));
    Properties values = properties();
    values.setProperty("run", "oozie-20261126");
    values.setProperty("cutoff", "2025-11-26");
    List<String> checked = new ArrayList<>();
    NodeList actions = workflow.getElementsByTagNameNS("*", "shell");
    for (int i = 0; i < actions.getLength(); i++) {
      Element action = (Element) actions.item(i);
      assertThat(text(action, "exec")).isEqualTo("bash");
      List<String> args = new ArrayList<>();
      for (Element arg : children(action, "argument")) {
        args.add(resolve(arg.getTextContent(), values));
      }
      assertThat(Path.of(args.remove(0)))
          .isEqualTo(Dist.HOME.resolve("bin/stocklambda"))
          .isExecutable();
      String words = String.join(" ", args.subList(0, 2));
      assertThat(COMPONENTS).as("the component of " + words).containsKey(words);
      parseWith(COMPONENTS.get(words)[0], COMPONENTS.get(words)[1], args);
      checked.add(words);
    }
    assertThat(checked).containsExactlyInAnyOrderElementsOf(COMPONENTS.keySet());
  }

  private Properties properties() throws Exception {
    Properties job = new Properties();
    try (InputStream in = Files.newInputStream(app.resolve("job.properties"))) {
      job.load(in);
    }
    return job;
  }

  /**
   * Parses the arguments with the component's own airline CLI, in the component's own classpath.
   */
  private static void parseWith(String component, String main, List<String> args) throws Exception {
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> jars = Files.list(Dist.HOME.resolve("lib").resolve(component))) {
      for (Path jar : jars.toList()) {
        urls.add(jar.toUri().toURL());
      }
    }
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Class<?> mainClass = Class.forName(main, false, loader);
      Class<?> cli = Class.forName("com.github.rvesse.airline.Cli", true, loader);
      Object parser = cli.getConstructor(Class.class).newInstance(mainClass);
      try {
        Object command =
            cli.getMethod("parse", String[].class)
                .invoke(parser, (Object) args.toArray(String[]::new));
        assertThat(command).as(main + " " + args).isNotNull();
      } catch (java.lang.reflect.InvocationTargetException e) {
        throw new AssertionError(
            main + " does not accept " + args + ": " + e.getCause(), e.getCause());
      }
    }
  }

  private static String resolve(String text, Properties values) {
    Matcher m = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9.]*)}").matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.getProperty(m.group(1));
      if (value == null) {
        throw new AssertionError("no value for ${" + m.group(1) + "}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return m.appendTail(out).toString();
  }

  private void validate(String file, String... xsds) throws Exception {
    Source[] sources = new Source[xsds.length];
    for (int i = 0; i < xsds.length; i++) {
      URL url = getClass().getClassLoader().getResource(xsds[i]);
      assertThat(url).as(xsds[i]).isNotNull();
      sources[i] = new StreamSource(url.openStream(), url.toString());
    }
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(sources)
        .newValidator()
        .validate(new StreamSource(app.resolve(file).toFile()));
  }

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getLocalName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element parent, String name) {
    List<Element> found = children(parent, name);
    assertThat(found).as(name).hasSize(1);
    return found.get(0).getTextContent().trim();
  }
}
