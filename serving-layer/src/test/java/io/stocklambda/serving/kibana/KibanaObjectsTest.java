package io.stocklambda.serving.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stocklambda.core.json.Json;
import io.stocklambda.serving.es.EsDriftIndex;
import io.stocklambda.serving.es.EsViews;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboards as code hold together: they parse, every reference resolves, every field exists in
 * the mapping of the index its pattern reads; the dashboards show drift and lag.
 */
class KibanaObjectsTest {

  private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\s*:");

  @Test
  void everyObjectParsesEveryReferenceResolvesAndEveryFieldIsInTheMapping() throws Exception {
    List<JsonNode> objects = new ArrayList<>();
    for (String line : new String(KibanaImport.objects(null), StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        objects.add(Json.mapper().readTree(line));
      }
    }
    Map<String, JsonNode> byKey = new HashMap<>();
    for (JsonNode o : objects) {
      assertThat(byKey.put(o.get("type").asText() + "/" + o.get("id").asText(), o))
          .as("duplicate " + o.get("id"))
          .isNull();
    }
    Map<String, Set<String>> mappingByTitle =
        Map.of(
            EsViews.ALIAS, fields(EsViews.indexDefinition()),
            EsDriftIndex.INDEX, fields(EsDriftIndex.definition()));

    Set<String> aggregations = new HashSet<>();
    for (JsonNode o : objects) {
      String id = o.get("id").asText();
      for (JsonNode ref : o.path("references")) {
        assertThat(byKey)
            .as(id + " refers to " + ref)
            .containsKey(ref.get("type").asText() + "/" + ref.get("id").asText());
      }
      JsonNode attributes = o.get("attributes");
      switch (o.get("type").asText()) {
        case "index-pattern" -> {
          String title = attributes.get("title").asText();
          assertThat(mappingByTitle)
              .as(id + " reads the alias or an index the serving layer writes")
              .containsKey(title);
          assertThat(mappingByTitle.get(title)).contains(attributes.get("timeFieldName").asText());
        }
        case "visualization" -> {
          JsonNode search =
              Json.mapper()
                  .readTree(
                      attributes.path("kibanaSavedObjectMeta").path("searchSourceJSON").asText());
          String indexRef = search.path("indexRefName").asText();
          JsonNode pattern = null;
          for (JsonNode ref : o.path("references")) {
            if (ref.get("name").asText().equals(indexRef)) {
              pattern = byKey.get("index-pattern/" + ref.get("id").asText());
            }
          }
          assertThat(pattern).as(id + " names its index pattern").isNotNull();
          String title = pattern.path("attributes").path("title").asText();
          Set<String> used = new HashSet<>();
          JsonNode vis = Json.mapper().readTree(attributes.get("visState").asText());
          for (JsonNode agg : vis.path("aggs")) {
            if (agg.path("params").has("field")) {
              used.add(agg.path("params").get("field").asText());
            }
          }
          String query = search.path("query").path("query").asText();
          Matcher m = KQL_FIELD.matcher(query);
          while (m.find()) {
            used.add(m.group(1));
          }
          assertThat(used).as(id + " uses fields").isNotEmpty();
          assertThat(mappingByTitle.get(title))
              .as("every field " + id + " uses exists in the mapping of " + title)
              .containsAll(used);
          for (JsonNode agg : vis.path("aggs")) {
            aggregations.add(
                title
                    + " "
                    + agg.path("type").asText()
                    + "("
                    + agg.path("params").path("field").asText()
                    + ") "
                    + query);
          }
        }
        case "dashboard" -> {
          JsonNode panels = Json.mapper().readTree(attributes.get("panelsJSON").asText());
          assertThat(panels).isNotEmpty();
          for (JsonNode panel : panels) {
            assertThat(refNames(o))
                .as(id + " panel " + panel.get("panelIndex"))
                .contains(panel.get("panelRefName").asText());
          }
          assertThat(attributes.path("refreshInterval").path("value").asInt())
              .as("refresh every 5 s")
              .isEqualTo(5000);
          assertThat(attributes.path("refreshInterval").path("pause").asBoolean()).isFalse();
        }
        default -> throw new AssertionError("unexpected saved object type in " + id);
      }
    }
    assertThat(objects.stream().filter(o -> o.get("type").asText().equals("visualization")).count())
        .isGreaterThanOrEqualTo(8);
    assertThat(aggregations)
        .as("the dashboards show each feature's PSI and the batch view's lag in trading days")
        .contains(
            EsDriftIndex.INDEX + " max(psi) ",
            EsDriftIndex.INDEX + " terms(feature) ",
            EsViews.ALIAS + " cardinality(date) layer:speed");
  }

  /** Every visualization is on a dashboard. */
  @Test
  void everyVisualizationIsOnADashboard() throws Exception {
    Set<String> visualizations = new HashSet<>();
    Set<String> onTheDashboard = new HashSet<>();
    for (String line : new String(KibanaImport.objects(null), StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode o = Json.mapper().readTree(line);
      switch (o.get("type").asText()) {
        case "visualization" -> visualizations.add(o.get("id").asText());
        case "dashboard" ->
            o.path("references").forEach(r -> onTheDashboard.add(r.get("id").asText()));
        default -> {}
      }
    }
    assertThat(onTheDashboard).isEqualTo(visualizations);
  }

  private static Set<String> fields(String indexDefinition) throws Exception {
    Set<String> mapped = new HashSet<>();
    Json.mapper()
        .readTree(indexDefinition)
        .path("mappings")
        .path("properties")
        .fieldNames()
        .forEachRemaining(mapped::add);
    return mapped;
  }

  private static Set<String> refNames(JsonNode object) {
    Set<String> names = new HashSet<>();
    object.path("references").forEach(r -> names.add(r.get("name").asText()));
    return names;
  }
}
