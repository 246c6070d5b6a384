package io.stocklambda.core.dataset;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where things live in the HDFS master dataset and the batch outputs, as paths relative to a
 * configurable root (default {@value #DEFAULT_ROOT}). Ingest writes by it and the batch layer reads
 * by it, so the layout exists once.
 *
 * <pre>
 * {root}/master/ticks/landed/{batch}/...          raw files exactly as landed; {batch}/_MANIFEST.json commits the batch
 * {root}/master/ticks/stream/date={yyyy-MM-dd}/part-{segment}.csv   ticks archived from Kafka on that day (UTC) of
 *                                                                 arrival, merged CSV layout; _SUCCESS once the day is complete
 * {root}/master/ticks/stream/_manifests/{segment}.json            commits a segment: files and Kafka offsets
 * {root}/master/ticks/stream/_staging/{segment}/...               a segment being written
 * {root}/batch/training/{run}/   {root}/batch/views/{run}/   {root}/models/{version}/   {root}/models/CURRENT
 * </pre>
 */
public record MasterLayout(String root) {

  public static final String DEFAULT_ROOT = "/stocklambda";
  public static final String MANIFEST = "_MANIFEST.json";

  /** Marks a finished output or a complete day of arrival, as Hadoop and Oozie expect. */
  public static final String DONE = "_SUCCESS";

  private static final Pattern STREAM_DATE =
      Pattern.compile(".*/date=(\\d{4}-\\d{2}-\\d{2})(/.*)?$");

  public MasterLayout {
    Objects.requireNonNull(root, "root");
    if (!root.startsWith("/")) {
      throw new IllegalArgumentException(
          "the dataset root must be an absolute path, was '" + root + "'");
    }
    root = root.length() > 1 && root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public static MasterLayout defaults() {
    return new MasterLayout(DEFAULT_ROOT);
  }

  public String ticks() {
    return root + "/master/ticks";
  }

  public String landed() {
    return ticks() + "/landed";
  }

  public String landedBatch(String batch) {
    return landed() + "/" + batch;
  }

  public String landedManifest(String batch) {
    return landedBatch(batch) + "/" + MANIFEST;
  }

  public String stream() {
    return ticks() + "/stream";
  }

  public String streamDate(LocalDate date) {
    return stream() + "/date=" + date;
  }

  public String streamFile(LocalDate date, String segment) {
    return streamDate(date) + "/part-" + segment + ".csv";
  }

  public String streamManifests() {
    return stream() + "/_manifests";
  }

  public String streamManifest(String segment) {
    return streamManifests() + "/" + segment + ".json";
  }

  public String streamStaging(String segment) {
    return stream() + "/_staging/" + segment;
  }

  public String streamStagingRoot() {
    return stream() + "/_staging";
  }

  public String training(String run) {
    return root + "/batch/training/" + name("training run", run);
  }

  /** Where the batch views are, one directory per run. */
  public String batchViews() {
    return root + "/batch/views";
  }

  public String batchView(String run) {
    return root + "/batch/views/" + name("batch view run", run);
  }

  /** Where the training sets are, one directory per run. */
  public String trainingSets() {
    return root + "/batch/training";
  }

  /**
   * A backfill: a batch view restricted to a range of dates and stocks, loaded into the served
   * view.
   */
  public String backfill(String run) {
    return root + "/batch/backfills/" + name("backfill run", run);
  }

  public String models() {
    return root + "/models";
  }

  public String model(String version) {
    return models() + "/" + name("model version", version);
  }

  /**
   * A model version's artifact, the JSON the speed layer and the batch view score with: the
   * deployed fit, refit on every labeled window.
   */
  public static final String MODEL_FILE = "model.json";

  /**
   * A model version's evaluated fit: the same family and horizon fitted before the cutoff, whose
   * figures the evaluation reports and which the promotion rule compares. Versions trained before
   * it existed served their evaluated fit as {@link #MODEL_FILE}.
   */
  public static final String EVALUATED_FILE = "evaluated.json";

  /** A model version's evaluation: figures on the test period next to the baselines. */
  public static final String EVALUATION_FILE = "evaluation.json";

  /** A model version's human-readable report (ROC, calibration, figures by year). */
  public static final String REPORT_FILE = "report.html";

  /** The files of a model version, in the order {@code model export} copies them. */
  /** A model version's {@link io.stocklambda.core.model.ModelLineage}. */
  public static final String LINEAGE_FILE = "lineage.json";

  /** Present in a retired version's directory: who retired it, when and why (JSON). */
  public static final String RETIRED_FILE = "RETIRED";

  public static final List<String> MODEL_FILES =
      List.of(MODEL_FILE, EVALUATED_FILE, EVALUATION_FILE, REPORT_FILE, LINEAGE_FILE);

  /** A file of a model version: {@code modelFile(v, MODEL_FILE)} is {@code models/v/model.json}. */
  public String modelFile(String version, String file) {
    return model(version) + "/" + file;
  }

  /**
   * What a run or a model version may be called: it becomes an HDFS path element and is shown in
   * reports.
   */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /**
   * @throws IllegalArgumentException naming the rule when {@code value} is not a {@link #NAME} (a
   *     path separator, {@code ..}, markup, spaces: a version like {@code ../../x} or {@code <b>}
   *     never becomes a path or a page)
   */
  public static String name(String what, String value) {
    if (value == null || !NAME.matcher(value).matches() || value.contains("..")) {
      throw new IllegalArgumentException(
          what
              + " must be letters, digits, '.', '-' or '_' (at most 64, no '..'), like 20261126-172800; was '"
              + value
              + "'");
    }
    return value;
  }

  public String currentModel() {
    return models() + "/CURRENT";
  }

  /**
   * The history of {@code CURRENT}: one immutable JSON file per event ({@code
   * models/history/<time>-<action>-<version>.json}), in the order of their names.
   */
  public String modelHistory() {
    return models() + "/history";
  }

  /**
   * Beside a training set's part files: the {@link DatasetSnapshot} it was built from (an
   * underscore file, which Hadoop's and Spark's readers skip).
   */
  public static final String SNAPSHOT = "_SNAPSHOT.json";

  /**
   * The trading date of an archived stream path ({@code .../date=2017-11-10/part-x.csv}), if it is
   * one.
   */
  public static java.util.Optional<LocalDate> streamDateOf(String path) {
    Matcher m = STREAM_DATE.matcher(path);
    return m.matches()
        ? java.util.Optional.of(LocalDate.parse(m.group(1)))
        : java.util.Optional.empty();
  }

  /** Whether a file name is metadata (a manifest, a marker, a staging area), not data. */
  public static boolean isMetadata(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }
}
