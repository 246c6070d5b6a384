package io.stocklambda.oozie;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.commands.oozie.OozieOptions;
import io.stocklambda.commands.serving.StoreLocation;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The Oozie application as shipped: every XML valid against the XSDs of Oozie 5.2.1 (from {@code
 * oozie-client}), every transition leading somewhere, every action retried and failing into the
 * kill node, and every parameter given a value by the submission ({@link RetrainingJob}). The
 * commands the actions run are checked against the batch pipeline by {@link OozieWorkflowTest}.
 */
class OozieAppTest {

  static final Path APP = Paths.get("src/main/oozie");

  @Test
  void theWorkflowIsValidAgainstTheWorkflowAndShellActionSchemas() throws Exception {
    schema("oozie-workflow-1.0.xsd", "shell-action-1.0.xsd")
        .newValidator()
        .validate(new StreamSource(APP.resolve("workflow.xml").toFile()));
  }

  @Test
  void theCoordinatorIsValidAgainstTheCoordinatorSchema() throws Exception {
    schema("oozie-coordinator-0.5.xsd")
        .newValidator()
        .validate(new StreamSource(APP.resolve("coordinator.xml").toFile()));
  }

  @Test
  void anInvalidWorkflowIsCaught() throws Exception {
    String broken = Files.readString(APP.resolve("workflow.xml")).replace("<ok to=\"train\"/>", "");
    Path file = Files.createTempFile("workflow", ".xml");
    Files.writeString(file, broken);
    Schema schema = schema("oozie-workflow-1.0.xsd", "shell-action-1.0.xsd");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> schema.newValidator().validate(new StreamSource(file.toFile())))
        .hasMessageContaining("error");
  }

  @Test
  void everyTransitionLeadsToANodeAndEveryActionIsRetriedAndFailsIntoTheKillNode()
      throws Exception {
    Document workflow = parse(APP.resolve("workflow.xml"));
    Set<String> nodes = new HashSet<>();
    for (String kind : List.of("action", "decision", "kill", "end")) {
      NodeList list = workflow.getElementsByTagNameNS("*", kind);
      for (int i = 0; i < list.getLength(); i++) {
        nodes.add(((Element) list.item(i)).getAttribute("name"));
      }
    }
    List<String> targets = new ArrayList<>();
    for (String kind : List.of("start", "ok", "error", "case", "default")) {
      NodeList list = workflow.getElementsByTagNameNS("*", kind);
      for (int i = 0; i < list.getLength(); i++) {
        targets.add(((Element) list.item(i)).getAttribute("to"));
      }
    }
    assertThat(nodes)
        .containsAll(targets)
        .contains("windows", "train", "check", "publish", "view", "swap", "fail", "end");
    NodeList actions = workflow.getElementsByTagNameNS("*", "action");
    for (int i = 0; i < actions.getLength(); i++) {
      Element action = (Element) actions.item(i);
      assertThat(action.getAttribute("retry-max")).as(action.getAttribute("name")).isNotEmpty();
      assertThat(child(action, "error").getAttribute("to"))
          .as(action.getAttribute("name"))
          .isEqualTo("fail");
    }
    // the order of the batch layer: windows -> train -> check -> (publish) -> view -> swap
    assertThat(next(workflow, "windows")).isEqualTo("train");
    assertThat(next(workflow, "train")).isEqualTo("check");
    assertThat(next(workflow, "publish")).isEqualTo("view");
    assertThat(next(workflow, "view")).isEqualTo("swap");
    assertThat(next(workflow, "swap")).isEqualTo("end");
  }

  @Test
  void everyParameterHasAValueFromTheWorkflowTheCoordinatorOrTheSubmission() throws Exception {
    OozieOptions.Application app = new OozieOptions.Application();
    RetrainingJob job =
        new RetrainingJob(
            app.hdfs,
            RetrainingJob.appPath(app, "alice"),
            new OozieOptions.Settings(),
            new StoreLocation(),
            "/opt/stocklambda",
            "alice");
    Map<String, String> coordinator =
        job.coordinator(
            Instant.parse("2017-11-13T22:30:00Z"), Instant.parse("2017-11-14T22:30:00Z"));
    Map<String, String> once = job.workflow("r1", LocalDate.parse("2016-11-13"));
    Set<String> known = new HashSet<>(coordinator.keySet());
    Document workflow = parse(APP.resolve("workflow.xml"));
    NodeList params = workflow.getElementsByTagNameNS("*", "parameters").item(0).getChildNodes();
    for (int i = 0; i < params.getLength(); i++) {
      if (params.item(i) instanceof Element p) {
        String name = child(p, "name").getTextContent();
        if (child(p, "value") != null) {
          known.add(name);
        } else {
          assertThat(name.equals("run") || name.equals("cutoff") || coordinator.containsKey(name))
              .as(
                  "a parameter without default must come from the coordinator or the submission: "
                      + name)
              .isTrue();
          assertThat(once).as("a run of the workflow alone sets " + name).containsKey(name);
        }
      }
    }
    known.addAll(List.of("run", "cutoff"));
    for (String file : List.of("workflow.xml", "coordinator.xml")) {
      Matcher m =
          Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9.]*)}")
              .matcher(Files.readString(APP.resolve(file)));
      while (m.find()) {
        String name = m.group(1);
        if (!List.of("YEAR", "MONTH", "DAY").contains(name)) {
          assertThat(known).as(file + " uses ${" + name + "}").contains(name);
        }
      }
    }
    assertThat(coordinator)
        .containsEntry(
            "oozie.coord.application.path",
            "hdfs://127.0.0.1:8020/user/alice/stocklambda-oozie/coordinator.xml")
        .containsEntry("workflowPath", "hdfs://127.0.0.1:8020/user/alice/stocklambda-oozie")
        .containsEntry("start", "2017-11-13T22:30Z")
        .containsEntry("stocklambdaHome", "/opt/stocklambda");
    assertThat(once)
        .containsEntry(
            "oozie.wf.application.path", "hdfs://127.0.0.1:8020/user/alice/stocklambda-oozie");
  }

  @Test
  void theApplicationShipsInTheJarAsInTheSourceTree() throws Exception {
    for (var file : RetrainingApp.files().entrySet()) {
      assertThat(new String(file.getValue(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(Files.readString(APP.resolve(file.getKey())));
    }
  }

  @Test
  void theNextNominalTimeIsTheNext2230Utc() {
    assertThat(RetrainingJob.nextNominal(Instant.parse("2026-12-01T06:00:00Z")))
        .isEqualTo(Instant.parse("2026-12-01T22:30:00Z"));
    assertThat(RetrainingJob.nextNominal(Instant.parse("2026-12-01T22:30:00Z")))
        .isEqualTo(Instant.parse("2026-12-02T22:30:00Z"));
  }

  static Schema schema(String... xsds) throws Exception {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    Source[] sources = new Source[xsds.length];
    for (int i = 0; i < xsds.length; i++) {
      URL url = OozieAppTest.class.getClassLoader().getResource(xsds[i]);
      assertThat(url).as(xsds[i] + " from oozie-client").isNotNull();
      sources[i] = new StreamSource(url.openStream(), url.toString());
    }
    return factory.newSchema(sources);
  }

  static Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  private static String next(Document workflow, String action) {
    NodeList actions = workflow.getElementsByTagNameNS("*", "action");
    for (int i = 0; i < actions.getLength(); i++) {
      Element a = (Element) actions.item(i);
      if (a.getAttribute("name").equals(action)) {
        return child(a, "ok").getAttribute("to");
      }
    }
    throw new AssertionError("no action " + action);
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getLocalName().equals(name)) {
        return e;
      }
    }
    return null;
  }
}
