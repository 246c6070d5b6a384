package io.stocklambda.oozie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklambda.commands.batch.BatchPipeline;
import io.stocklambda.commands.serving.StoreLocation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The Oozie workflow runs the batch pipeline as {@code batch run} and the demo do: the actions
 * reached from {@code start} (through the promotion decision's promoted branch) are the {@link
 * BatchPipeline}'s steps in order, each a shell action running the distribution's {@code
 * bin/stocklambda} with its command's words and options the typed command has, with the same
 * values; the step that runs only if promoted is skipped by the decision's default branch.
 * Parameters stand for the values.
 */
class OozieWorkflowTest {

  /**
   * Options the workflow sets differently on a cluster, by action: the MapReduce job is submitted
   * to YARN.
   */
  private static final Map<String, Map<String, String>> CLUSTER_OVERRIDES =
      Map.of(
          "windows", Map.of("--framework", "yarn"),
          "train", Map.of("--deploy-mode", "${deployMode}"),
          "view", Map.of("--deploy-mode", "${deployMode}"));

  /**
   * What every action runs: the distribution's command, installed on every NodeManager host,
   * through bash (Oozie runs an exec by its file name from the container's directory).
   */
  static final String EXEC = "bash ${stocklambdaHome}/bin/stocklambda";

  private static BatchPipeline pipeline() {
    StoreLocation stores = new StoreLocation();
    stores.zookeeper = "${zookeeper}";
    stores.elasticsearch = "${elasticsearch}";
    return new BatchPipeline(
        "${nameNode}",
        "${root}",
        5,
        "${cutoff}",
        2,
        "${run}",
        "${sparkMaster}",
        "${kafkaBootstrap}",
        stores);
  }

  @Test
  void theWorkflowRunsThePipelinesStepsInOrderWithTheirTypedCommands() throws Exception {
    assertMatches(workflow(Files.readString(OozieAppTest.APP.resolve("workflow.xml"))), pipeline());
  }

  @Test
  void aWorkflowInAnotherOrderIsCaught() throws Exception {
    // the order the workflow and batch run had drifted to before: the view before publishing
    String xml = Files.readString(OozieAppTest.APP.resolve("workflow.xml"));
    String swapped =
        xml.replace("<case to=\"publish\">", "<case to=\"view\">")
            .replace("<default to=\"view\"/>", "<default to=\"publish\"/>");
    assertThat(swapped).isNotEqualTo(xml);
    assertThatThrownBy(() -> assertMatches(workflow(swapped), pipeline()))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void aWorkflowOptionTheCommandDoesNotHaveIsCaught() throws Exception {
    String xml =
        Files.readString(OozieAppTest.APP.resolve("workflow.xml"))
            .replace("<argument>--cutoff</argument>", "<argument>--cut-off</argument>");
    assertThatThrownBy(() -> assertMatches(workflow(xml), pipeline()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("--cut-off");
  }

  /** One action as the workflow runs it. */
  record Action(
      String name,
      String exec,
      List<String> args,
      boolean capturesOutput,
      boolean onlyIfPromoted) {}

  /** The workflow's actions and its parameters' default values. */
  record Workflow(List<Action> actions, Map<String, String> defaults) {
    /** A value as the pipeline would see it: a parameter with a default is that default. */
    String resolve(String value) {
      if (value.startsWith("${")
          && value.endsWith("}")
          && defaults.containsKey(value.substring(2, value.length() - 1))) {
        return defaults.get(value.substring(2, value.length() - 1));
      }
      return value;
    }
  }

  /** Compares the workflow's actions with the pipeline's steps. */
  static void assertMatches(Workflow workflow, BatchPipeline pipeline) {
    List<Action> actions = workflow.actions();
    List<BatchPipeline.Step> steps = pipeline.steps();
    assertThat(actions)
        .extracting(Action::name)
        .as("the workflow's actions in order")
        .containsExactlyElementsOf(steps.stream().map(BatchPipeline.Step::name).toList());
    for (int i = 0; i < steps.size(); i++) {
      BatchPipeline.Step step = steps.get(i);
      Action action = actions.get(i);
      assertThat(action.exec()).as(step.name() + ": what it runs").isEqualTo(EXEC);
      assertThat(action.args().subList(0, 2))
          .as(step.name() + ": command")
          .isEqualTo(step.command().words());
      assertThat(action.capturesOutput())
          .as(step.name() + ": capture-output")
          .isEqualTo(step.capturesOutput());
      assertThat(action.onlyIfPromoted())
          .as(step.name() + ": runs only if promoted")
          .isEqualTo(step.when() == BatchPipeline.When.IF_PROMOTED);
      Map<String, String> expected =
          options(step.command().toArgs().subList(2, step.command().toArgs().size()), step.name());
      expected.putAll(CLUSTER_OVERRIDES.getOrDefault(step.name(), Map.of()));
      Map<String, String> given =
          options(action.args().subList(2, action.args().size()), step.name());
      for (Map.Entry<String, String> option : given.entrySet()) {
        assertThat(expected)
            .as(step.name() + ": option " + option.getKey() + " of the workflow")
            .containsKey(option.getKey());
        String value =
            expected.get(option.getKey()).startsWith("${")
                ? option.getValue()
                : workflow.resolve(option.getValue());
        assertThat(value)
            .as(step.name() + ": value of " + option.getKey())
            .isEqualTo(expected.get(option.getKey()));
      }
      // what the pipeline sets beyond a default must be in the workflow too
      for (String set :
          Set.of(
              "--run",
              "--training",
              "--version",
              "--is",
              "--view",
              "--cutoff",
              "--validation-years",
              "--window")) {
        if (expected.containsKey(set) && expected.get(set).startsWith("${")) {
          assertThat(given)
              .as(step.name() + ": the workflow passes " + set)
              .containsEntry(set, expected.get(set));
        }
      }
    }
  }

  private static Map<String, String> options(List<String> args, String step) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      if (!name.startsWith("--")) {
        throw new AssertionError(step + ": '" + name + "' is not an option");
      }
      boolean flag = i + 1 == args.size() || args.get(i + 1).startsWith("--");
      options.put(name, flag ? "" : args.get(++i));
    }
    return options;
  }

  /**
   * The actions reached from start, following ok transitions and, at a decision, its non-default
   * case.
   */
  static Workflow workflow(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document doc =
        factory
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Map<String, Element> nodes = new LinkedHashMap<>();
    for (String kind : List.of("action", "decision", "end", "kill")) {
      NodeList list = doc.getDocumentElement().getElementsByTagNameNS("*", kind);
      for (int i = 0; i < list.getLength(); i++) {
        Element e = (Element) list.item(i);
        if (e.getParentNode() == doc.getDocumentElement()) {
          nodes.put(e.getAttribute("name"), e);
        }
      }
    }
    String next = child(doc.getDocumentElement(), "start").getAttribute("to");
    List<Action> actions = new ArrayList<>();
    String skippedByDefault = null;
    boolean promotedBranch = false;
    while (nodes.containsKey(next) && nodes.get(next).getLocalName().matches("action|decision")) {
      Element node = nodes.get(next);
      if (node.getLocalName().equals("decision")) {
        Element switchElement = child(node, "switch");
        String promoted = child(switchElement, "case").getAttribute("to");
        skippedByDefault = child(switchElement, "default").getAttribute("to");
        promotedBranch = true;
        next = promoted;
        continue;
      }
      Element body = firstElement(node);
      String main = text(body, "exec");
      List<String> args = new ArrayList<>();
      NodeList argList = body.getElementsByTagNameNS("*", "argument");
      for (int i = 0; i < argList.getLength(); i++) {
        args.add(argList.item(i).getTextContent().trim());
      }
      // bash's first argument is the script, the command line follows
      main += " " + args.remove(0);
      boolean capture = body.getElementsByTagNameNS("*", "capture-output").getLength() > 0;
      String ok = child(node, "ok").getAttribute("to");
      // an action only if promoted: reached through the decision's case, and the default goes to
      // where it leads
      boolean onlyIfPromoted = promotedBranch && ok.equals(skippedByDefault);
      promotedBranch = false;
      actions.add(new Action(node.getAttribute("name"), main, args, capture, onlyIfPromoted));
      next = ok;
    }
    Map<String, String> defaults = new LinkedHashMap<>();
    NodeList properties =
        child(doc.getDocumentElement(), "parameters").getElementsByTagNameNS("*", "property");
    for (int i = 0; i < properties.getLength(); i++) {
      Element property = (Element) properties.item(i);
      NodeList value = property.getElementsByTagNameNS("*", "value");
      if (value.getLength() > 0) {
        defaults.put(text(property, "name"), value.item(0).getTextContent().trim());
      }
    }
    return new Workflow(actions, defaults);
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getLocalName().equals(name)) {
        return e;
      }
    }
    throw new AssertionError(
        "no <" + name + "> in <" + parent.getLocalName() + " " + parent.getAttribute("name") + ">");
  }

  private static Element firstElement(Element parent) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        return e;
      }
    }
    throw new AssertionError("empty <" + parent.getLocalName() + ">");
  }

  private static String text(Element parent, String name) {
    return child(parent, name).getTextContent().trim();
  }
}
