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
 * against Oozie 5.2.1's XSDs with the jars filled in, every action's main class present in its
 * component's classpath and its arguments accepted by that component's own command-line parser, and
 * no jar in it that the cluster provides.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OoziePackageIT {

  private static final Map<String, String> COMPONENTS =
      Map.of(
          "io.stocklambda.batch.mapreduce.MapReduceMain", "batch-mapreduce",
          "io.stocklambda.batch.spark.SparkMain", "batch-spark",
          "io.stocklambda.ingest.IngestMain", "ingest",
          "io.stocklambda.serving.ServingMain", "serving");

  private final Path work =
      Dist.HOME.getParent().resolve("oozie-it-" + UUID.randomUUID()).toAbsolutePath();
  private final Path app = work.resolve("app");
  private Dist.Result packaged;

  @BeforeAll
  void packageIt() throws Exception {
    packaged = Dist.run(work, "oozie", "package", "--out", app.toString());
  }

  @Test
  void thePackageHasTheWorkflowTheCoordinatorTheJarsAndAPropertiesTemplate() throws Exception {
    assertThat(packaged.exit()).as(packaged.out() + packaged.err()).isZero();
    assertThat(app.resolve("workflow.xml")).isRegularFile();
    assertThat(app.resolve("coordinator.xml")).isRegularFile();
    assertThat(app.resolve("job.properties.template")).isRegularFile();
    assertThat(jars(app.resolve("lib")))
        .contains(
            "io.stocklambda.stocklambda-batch-spark.jar", "io.stocklambda.stocklambda-core.jar")
        .noneMatch(
            j ->
                j.startsWith("org.apache.hadoop.")
                    || j.startsWith("org.apache.spark.")
                    || j.startsWith("org.scala-lang."));
    assertThat(jars(app.resolve("serving")))
        .contains("io.stocklambda.stocklambda-serving-layer.jar");
    Dist.Result again = Dist.run(work, "oozie", "package", "--out", app.toString());
    assertThat(again.exit())
        .as("an existing directory is not replaced without --force")
        .isNotZero();
    assertThat(again.err() + again.out()).contains("--force");
  }

  @Test
  void thePackagedXmlIsValidAgainstOoziesSchemas() throws Exception {
    validate("workflow.xml", "oozie-workflow-1.0.xsd", "spark-action-1.0.xsd");
    validate("coordinator.xml", "oozie-coordinator-0.5.xsd");
  }

  @Test
  void everyActionsMainClassExistsAndItsArgumentsParse() throws Exception {
    Document workflow = parse(app.resolve("workflow.xml"));
    Properties values = new Properties();
    try (InputStream in = Files.newInputStream(app.resolve("job.properties.template"))) {
      values.load(in);
    }
    values.setProperty("run", "oozie-20261126");
    values.setProperty("cutoff", "2025-11-26");
    values.setProperty("window", "5");
    values.setProperty("sparkMaster", "yarn");
    List<String> checked = new ArrayList<>();
    for (String kind : List.of("java", "spark")) {
      NodeList actions = workflow.getElementsByTagNameNS("*", kind);
      for (int i = 0; i < actions.getLength(); i++) {
        Element action = (Element) actions.item(i);
        String main = text(action, kind.equals("java") ? "main-class" : "class");
        List<String> args = new ArrayList<>();
        for (Element arg : children(action, "arg")) {
          args.add(resolve(arg.getTextContent(), values));
        }
        assertThat(COMPONENTS).as("the component of " + main).containsKey(main);
        parseWith(COMPONENTS.get(main), main, args);
        checked.add(String.join(" ", args.subList(0, 2)));
        if (kind.equals("spark")) {
          String jar = text(action, "jar").replace("${wf:appPath()}", app.toString());
          assertThat(Path.of(jar)).as("the Spark action's jar").isRegularFile();
        }
        for (Element file : children(action, "file")) {
          String path = file.getTextContent().replace("${wf:appPath()}", app.toString());
          assertThat(Path.of(path.substring(0, path.indexOf('#'))))
              .as("a file of the action")
              .isRegularFile();
        }
      }
    }
    assertThat(checked)
        .containsExactlyInAnyOrder(
            "batch windows",
            "model current",
            "model publish",
            "serving load-batch",
            "batch train",
            "batch view");
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

  private static List<String> jars(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).toList();
    }
  }
}
