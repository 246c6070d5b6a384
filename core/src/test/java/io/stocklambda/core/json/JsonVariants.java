package io.stocklambda.core.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variants of a flat JSON record, for comparing a hand-written reader with the mapper's generic
 * reader it replaced: every field dropped, every field replaced by each of some values, the fields
 * backwards, and unknown fields added.
 */
public final class JsonVariants {

  private JsonVariants() {}

  /**
   * @param fields a record's fields and their JSON values, in order ({@link #fields})
   * @param values JSON values each field is replaced by, one at a time
   * @param extra unknown fields added together in one more variant, with their JSON values
   */
  public static List<String> of(
      Map<String, String> fields, List<String> values, Map<String, String> extra) {
    List<String> out = new ArrayList<>();
    List<String> names = new ArrayList<>(fields.keySet());
    for (String name : names) {
      Map<String, String> dropped = new LinkedHashMap<>(fields);
      dropped.remove(name);
      out.add(json(dropped));
      for (String value : values) {
        Map<String, String> replaced = new LinkedHashMap<>(fields);
        replaced.put(name, value);
        out.add(json(replaced));
      }
    }
    List<String> reversed = new ArrayList<>(names);
    Collections.reverse(reversed);
    Map<String, String> backwards = new LinkedHashMap<>();
    reversed.forEach(n -> backwards.put(n, fields.get(n)));
    out.add(json(backwards));
    Map<String, String> more = new LinkedHashMap<>(fields);
    more.putAll(extra);
    out.add(json(more));
    return out;
  }

  /** A flat record's fields, their JSON values in order. */
  public static Map<String, String> fields(String json) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    Json.mapper()
        .readTree(json)
        .fields()
        .forEachRemaining(e -> fields.put(e.getKey(), e.getValue().toString()));
    return fields;
  }

  /** The JSON object of {@code fields}, in their order. */
  public static String json(Map<String, String> fields) {
    StringBuilder out = new StringBuilder("{");
    fields.forEach(
        (k, v) ->
            out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
    return out.append('}').toString();
  }
}
