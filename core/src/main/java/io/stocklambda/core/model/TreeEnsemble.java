package io.stocklambda.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Gradient-boosted trees as Spark MLlib's {@code GBTClassificationModel} holds them: the margin is
 * the weighted sum of the trees' leaf values, and P(up) = 1 / (1 + exp(-2 * margin)) (Spark's log
 * loss). A node goes left when {@code x[feature] <= threshold}.
 */
public record TreeEnsemble(List<DecisionTree> trees, List<Double> weights) {

  public TreeEnsemble {
    trees = trees == null ? List.of() : List.copyOf(trees);
    weights = weights == null ? List.of() : List.copyOf(weights);
  }

  /** One tree; {@code nodes.get(0)} is the root. */
  public record DecisionTree(List<Node> nodes) {
    public DecisionTree {
      nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }
  }

  /**
   * A split ({@code feature >= 0}: go to {@code left} if {@code x[feature] <= threshold}, else to
   * {@code right}) or a leaf ({@code feature < 0}: {@code value}).
   */
  public record Node(int feature, double threshold, int left, int right, double value) {
    public static Node leaf(double value) {
      return new Node(-1, 0, -1, -1, value);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isLeaf() {
      return feature < 0;
    }
  }

  /** Every reason these trees cannot be scored over {@code featureCount} features. */
  List<String> problems(int featureCount) {
    List<String> problems = new ArrayList<>();
    if (trees.isEmpty()) {
      problems.add("no trees");
    }
    if (weights.size() != trees.size()) {
      problems.add(weights.size() + " tree weights for " + trees.size() + " trees");
    }
    for (int t = 0; t < weights.size(); t++) {
      Double w = weights.get(t);
      if (w == null || !Double.isFinite(w)) {
        problems.add("tree " + t + "'s weight is not finite, was " + w);
      }
    }
    for (int t = 0; t < trees.size(); t++) {
      List<Node> nodes = trees.get(t).nodes();
      if (nodes.isEmpty()) {
        problems.add("tree " + t + " has no node");
      }
      for (int i = 0; i < nodes.size(); i++) {
        Node n = nodes.get(i);
        if (n.isLeaf()) {
          if (!Double.isFinite(n.value())) {
            problems.add("tree " + t + " node " + i + ": leaf value is not finite");
          }
        } else if (n.feature() >= featureCount
            || n.left() <= i
            || n.right() <= i
            || n.left() >= nodes.size()
            || n.right() >= nodes.size()
            || !Double.isFinite(n.threshold())) {
          problems.add(
              "tree "
                  + t
                  + " node "
                  + i
                  + ": split on feature "
                  + n.feature()
                  + " to "
                  + n.left()
                  + "/"
                  + n.right()
                  + " is not valid for "
                  + featureCount
                  + " features and "
                  + nodes.size()
                  + " nodes");
        }
      }
    }
    return problems;
  }
}
