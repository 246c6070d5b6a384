package io.stocklambda.batch.spark;

import io.stocklambda.core.model.Algorithm;
import io.stocklambda.core.model.LogisticRegression;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.TrainingInfo;
import io.stocklambda.core.model.TreeEnsemble;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.tree.ContinuousSplit;
import org.apache.spark.ml.tree.InternalNode;
import org.apache.spark.ml.tree.LeafNode;
import org.apache.spark.ml.tree.Node;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Spark MLlib models into the parameters of core's portable artifact, scored by core's one scorer.
 */
public final class ModelExport {

  private ModelExport() {}

  /** Spark reports coefficients in the features' own scale, standardization undone. */
  public static LogisticRegression logistic(LogisticRegressionModel model) {
    return new LogisticRegression(
        model.intercept(), Arrays.stream(model.coefficients().toArray()).boxed().toList());
  }

  public static TreeEnsemble trees(GBTClassificationModel model) {
    List<TreeEnsemble.DecisionTree> trees = new ArrayList<>();
    for (DecisionTreeRegressionModel tree : model.trees()) {
      List<TreeEnsemble.Node> nodes = new ArrayList<>();
      flatten(tree.rootNode(), nodes);
      trees.add(new TreeEnsemble.DecisionTree(nodes));
    }
    return new TreeEnsemble(trees, Arrays.stream(model.treeWeights()).boxed().toList());
  }

  /** Preorder: a node's index, then its left subtree, then its right; returns the node's index. */
  private static int flatten(Node node, List<TreeEnsemble.Node> nodes) {
    int at = nodes.size();
    if (node instanceof LeafNode leaf) {
      nodes.add(TreeEnsemble.Node.leaf(leaf.prediction()));
      return at;
    }
    InternalNode split = (InternalNode) node;
    if (!(split.split() instanceof ContinuousSplit continuous)) {
      throw new IllegalArgumentException(
          "only continuous splits are exported; features are all continuous");
    }
    nodes.add(null); // reserved for this node, filled once its children's indices are known
    int left = flatten(split.leftChild(), nodes);
    int right = flatten(split.rightChild(), nodes);
    nodes.set(
        at,
        new TreeEnsemble.Node(continuous.featureIndex(), continuous.threshold(), left, right, 0));
    return at;
  }

  /**
   * The artifact with the evaluation's headline figures as its metrics ({@code test.auc},
   * baselines' AUCs, ...).
   */
  static ModelArtifact withMetrics(ModelArtifact a, Evaluation e) {
    Map<String, Double> m = new TreeMap<>();
    Evaluation.MetricRow selected = e.overall(e.selected());
    m.put("test.auc", selected.auc());
    m.put("test.accuracy", selected.accuracy());
    m.put("test.balancedAccuracy", selected.balancedAccuracy());
    m.put("test.windows", (double) selected.n());
    m.put(
        "validation.auc",
        e.validationAuc().get(new Candidate(e.selected(), e.trainYears()).name()));
    m.put("train.years", (double) e.trainYears());
    Evaluation.PromotionCheck p = e.promotion();
    if (Double.isFinite(p.auc())) {
      m.put("promotion.auc", p.auc());
    }
    m.put("promotion.windows", (double) p.windows());
    if (p.comparison() != null) {
      m.put("promotion.serving.auc", p.servingAuc());
      m.put("promotion.z", p.comparison().z());
    }
    for (String baseline :
        List.of(
            TestScores.THESIS,
            TestScores.MOMENTUM,
            TestScores.REVERSAL,
            TestScores.ALWAYS_UP,
            TestScores.ALWAYS_NOT_UP,
            e.selected().equals(TestScores.GBT) ? TestScores.LR : TestScores.GBT)) {
      m.put("baseline." + baseline + ".test.auc", e.overall(baseline).auc());
    }
    return new ModelArtifact(
        a.format(),
        a.name(),
        a.version(),
        a.algorithm(),
        a.featureSpec(),
        a.logisticRegression(),
        a.trees(),
        a.threshold(),
        a.training(),
        m,
        a.createdAt(),
        a.featureBins());
  }

  /**
   * The exported artifact of the selected family, validated.
   *
   * @param lr the logistic regression, or null when trees were selected
   * @param gbt the trees, or null when logistic regression was selected
   * @param labelsBefore no label of {@code train} is dated on or after it
   */
  static ModelArtifact artifact(
      TrainingConfig config,
      LogisticRegressionModel lr,
      GBTClassificationModel gbt,
      Dataset<Row> train,
      long rows,
      java.time.LocalDate labelsBefore) {
    Row range =
        train
            .agg(
                org.apache.spark.sql.functions.min("date"),
                org.apache.spark.sql.functions.max("date"))
            .first();
    TrainingInfo info =
        new TrainingInfo(
            range.getDate(0).toLocalDate(), range.getDate(1).toLocalDate(), rows, labelsBefore);
    boolean ensemble = gbt != null;
    return new ModelArtifact(
            ModelArtifact.FORMAT,
            ModelArtifact.DEFAULT_NAME,
            config.version(),
            ensemble ? Algorithm.GRADIENT_BOOSTED_TREES : Algorithm.LOGISTIC_REGRESSION,
            config.featureSpec().ref(),
            ensemble ? null : logistic(lr),
            ensemble ? trees(gbt) : null,
            0.5,
            info,
            Map.of(),
            Instant.now(),
            null)
        .validate();
  }
}
