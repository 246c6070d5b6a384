package io.stocklambda.serving.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stocklambda.core.json.Json;
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
 * the serving mapping.
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
    Set<String> mapped = new HashSet<>();
    Json.mapper()
        .readTree(EsViews.indexDefinition())
        .path("mappings")
        .path("properties")
        .fieldNames()
        .forEachRemaining(mapped::add);

    Set<String> used = new HashSet<>();
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
          assertThat(attributes.get("title").asText())
              .as("the index pattern reads the alias")
              .isEqualTo(EsViews.ALIAS);
          used.add(attributes.get("timeFieldName").asText());
        }
        case "visualization" -> {
          JsonNode vis = Json.mapper().readTree(attributes.get("visState").asText());
          for (JsonNode agg : vis.path("aggs")) {
            if (agg.path("params").has("field")) {
              used.add(agg.path("params").get("field").asText());
            }
          }
          JsonNode search =
              Json.mapper()
                  .readTree(
                      attributes.path("kibanaSavedObjectMeta").path("searchSourceJSON").asText());
          String indexRef = search.path("indexRefName").asText();
          assertThat(refNames(o)).as(id + " names its index reference").contains(indexRef);
          Matcher m = KQL_FIELD.matcher(search.path("query").path("query").asText());
          while (m.find()) {
            used.add(m.group(1));
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
    assertThat(used).as("fields the dashboards use").isNotEmpty();
    assertThat(mapped)
        .as("every field a dashboard uses exists in the index mapping")
        .containsAll(used);
    assertThat(objects.stream().filter(o -> o.get("type").asText().equals("visualization")).count())
        .isGreaterThanOrEqualTo(6);
  }

  private static Set<String> refNames(JsonNode object) {
    Set<String> names = new HashSet<>();
    object.path("references").forEach(r -> names.add(r.get("name").asText()));
    return names;
  }
}
