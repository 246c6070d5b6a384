package io.stocklambda.core.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Keys on the compacted {@code models} topic. The current model is keyed by its name ({@code
 * next-close-up}); a candidate scored in shadow by {@code <name>/candidate/<version>}, so several
 * candidates live beside the current model and a tombstone (a null value) on a candidate's key
 * withdraws it. The speed layer's model store keeps, beside them, the index of a name's candidates
 * ({@link #candidatesIndex}).
 */
public final class ModelKeys {

  private static final String CANDIDATE = "/candidate/";

  private ModelKeys() {}

  /** The key of a candidate version of a model. */
  public static String candidate(String name, String version) {
    if (name.contains(CANDIDATE) || version.isBlank()) {
      throw new IllegalArgumentException("no candidate key for '" + name + "', '" + version + "'");
    }
    return name + CANDIDATE + version;
  }

  /** A candidate key's model name and version, or empty for the key of a current model. */
  public static Optional<Candidate> parse(String key) {
    int at = key.indexOf(CANDIDATE);
    if (at <= 0 || at + CANDIDATE.length() >= key.length()) {
      return Optional.empty();
    }
    return Optional.of(new Candidate(key.substring(0, at), key.substring(at + CANDIDATE.length())));
  }

  /** A candidate named by its key. */
  public record Candidate(String name, String version) {}

  /** The store key of the index of a model's candidate versions. */
  public static String candidatesIndex(String name) {
    return name + "#candidates";
  }

  /** The index's bytes: the versions, sorted, one per line; null when there is none. */
  public static byte[] encodeIndex(List<String> versions) {
    return versions.isEmpty()
        ? null
        : String.join("\n", new TreeSet<>(versions)).getBytes(StandardCharsets.UTF_8);
  }

  /** The versions of an index (none for null), in a list the caller may change. */
  public static List<String> decodeIndex(byte[] index) {
    return index == null
        ? new ArrayList<>()
        : new ArrayList<>(Arrays.asList(new String(index, StandardCharsets.UTF_8).split("\n")));
  }
}
