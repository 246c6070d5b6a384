package io.stocklambda.serving.es;

import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.serving.ServingKeys;
import io.stocklambda.core.serving.StockDate;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.index.query.BoolQueryBuilder;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.aggregations.AggregationBuilders;
import org.elasticsearch.search.aggregations.bucket.terms.Terms;
import org.elasticsearch.search.aggregations.metrics.Avg;
import org.elasticsearch.search.aggregations.metrics.Max;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.elasticsearch.search.sort.SortOrder;

/**
 * Reads the merged view through the alias {@code predictions}: one document per (stock, date), the
 * batch view's up to its horizon and the speed view's after it.
 */
public final class EsQueries {

  private static final String ALIAS = EsViews.ALIAS;

  private final RestHighLevelClient client;

  EsQueries(RestHighLevelClient client) {
    this.client = client;
  }

  /** The merged predictions of a stock between two dates, oldest first. */
  public List<Prediction> merged(String stock, LocalDate from, LocalDate to, int limit)
      throws IOException {
    BoolQueryBuilder query =
        QueryBuilders.boolQuery()
            .filter(QueryBuilders.termQuery("stock", stock))
            .filter(QueryBuilders.rangeQuery("date").gte(from.toString()).lte(to.toString()));
    List<Prediction> out =
        search(new SearchSourceBuilder().query(query).sort("date", SortOrder.DESC).size(limit));
    java.util.Collections.reverse(out);
    return out;
  }

  /**
   * The served prediction of each (stock, date) asked, by one search of the alias for their
   * document ids (the alias's filters keep the batch view's up to its horizon, the speed view's
   * after it); absent when none is searchable yet.
   *
   * @return the searchable predictions by key, in the order asked
   */
  public Map<StockDate, Prediction> mergedOn(List<StockDate> keys) throws IOException {
    Map<String, StockDate> byId = new java.util.HashMap<>();
    keys.forEach(k -> byId.put(k.documentId(), k));
    Map<String, Prediction> found = new java.util.HashMap<>();
    if (!keys.isEmpty()) {
      for (Prediction p :
          search(
              new SearchSourceBuilder()
                  .query(QueryBuilders.idsQuery().addIds(byId.keySet().toArray(String[]::new)))
                  .size(keys.size()))) {
        found.put(ServingKeys.documentId(p.stock(), p.date()), p);
      }
    }
    Map<StockDate, Prediction> out = new java.util.LinkedHashMap<>();
    for (StockDate key : keys) {
      Prediction p = found.get(key.documentId());
      if (p != null) {
        out.put(key, p);
      }
    }
    return out;
  }

  /** Every stock with predictions: its count and last date. */
  public List<StockSummary> stocks() throws IOException {
    SearchSourceBuilder source =
        new SearchSourceBuilder()
            .size(0)
            .aggregation(
                AggregationBuilders.terms("stocks")
                    .field("stock")
                    .size(20_000)
                    .subAggregation(AggregationBuilders.max("last").field("date")));
    Terms stocks =
        client
            .search(new SearchRequest(ALIAS).source(source), RequestOptions.DEFAULT)
            .getAggregations()
            .get("stocks");
    List<StockSummary> out = new ArrayList<>();
    for (Terms.Bucket b : stocks.getBuckets()) {
      Max last = b.getAggregations().get("last");
      out.add(
          new StockSummary(
              b.getKeyAsString(), b.getDocCount(), LocalDate.parse(last.getValueAsString())));
    }
    out.sort(java.util.Comparator.comparing(StockSummary::stock));
    return out;
  }

  /**
   * Hit rate of resolved predictions per model version, sample (in-sample, out-of-time, live; see
   * {@link io.stocklambda.core.prediction.EvaluationSample}) and layer. Documents indexed before
   * samples existed count as {@code unknown}.
   */
  public List<Accuracy> accuracy() throws IOException {
    SearchSourceBuilder source =
        new SearchSourceBuilder()
            .size(0)
            .query(QueryBuilders.termQuery("resolved", true))
            .aggregation(
                AggregationBuilders.terms("models")
                    .field("modelVersion")
                    .size(1000)
                    .subAggregation(
                        AggregationBuilders.terms("samples")
                            .field("sample")
                            .missing(io.stocklambda.core.prediction.EvaluationSample.UNKNOWN.id())
                            .size(4)
                            .subAggregation(
                                AggregationBuilders.terms("layers")
                                    .field("layer")
                                    .size(2)
                                    .subAggregation(AggregationBuilders.avg("hit").field("hit")))));
    Terms models =
        client
            .search(new SearchRequest(ALIAS).source(source), RequestOptions.DEFAULT)
            .getAggregations()
            .get("models");
    // a speed document indexed before samples existed is a live forecast all the same: merged
    // into its model's live figures
    Map<List<String>, double[]> merged =
        new java.util.TreeMap<>(java.util.Comparator.comparing(Object::toString));
    for (Terms.Bucket m : models.getBuckets()) {
      Terms samples = m.getAggregations().get("samples");
      for (Terms.Bucket s : samples.getBuckets()) {
        Terms layers = s.getAggregations().get("layers");
        for (Terms.Bucket l : layers.getBuckets()) {
          String sample =
              l.getKeyAsString().equals("speed")
                  ? io.stocklambda.core.prediction.EvaluationSample.LIVE.id()
                  : s.getKeyAsString();
          Avg hit = l.getAggregations().get("hit");
          double[] sums =
              merged.computeIfAbsent(
                  List.of(m.getKeyAsString(), sample, l.getKeyAsString()), k -> new double[2]);
          sums[0] += l.getDocCount();
          sums[1] += l.getDocCount() * hit.getValue();
        }
      }
    }
    List<Accuracy> out = new ArrayList<>();
    merged.forEach(
        (k, v) -> out.add(new Accuracy(k.get(0), k.get(1), k.get(2), (long) v[0], v[1] / v[0])));
    return out;
  }

  /**
   * The batch view's lag in trading days: how many distinct dates the speed layer has served after
   * the view's horizon (all of them when no view is served). Exact up to a few thousand dates
   * (Elasticsearch's cardinality count is exact below its precision threshold).
   */
  public long speedDatesAfter(LocalDate horizon) throws IOException {
    var query = QueryBuilders.boolQuery().filter(QueryBuilders.termQuery("layer", "speed"));
    if (horizon != null) {
      query.filter(QueryBuilders.rangeQuery("date").gt(horizon.toString()));
    }
    SearchSourceBuilder source =
        new SearchSourceBuilder()
            .size(0)
            .query(query)
            .aggregation(
                AggregationBuilders.cardinality("dates").field("date").precisionThreshold(40_000));
    org.elasticsearch.search.aggregations.metrics.Cardinality dates =
        client
            .search(new SearchRequest(ALIAS).source(source), RequestOptions.DEFAULT)
            .getAggregations()
            .get("dates");
    return dates.getValue();
  }

  /**
   * The distribution of the live probabilities: how many speed-layer predictions served fall in
   * each bin of width {@code 1 / bins} of P(up) (lower bound included, upper excluded), lowest
   * first, and the sum of the probabilities.
   */
  public LiveProbabilities liveProbabilities(int bins) throws IOException {
    SearchSourceBuilder source =
        new SearchSourceBuilder()
            .size(0)
            .query(QueryBuilders.termQuery("layer", "speed"))
            .aggregation(
                AggregationBuilders.histogram("p")
                    .field("probabilityUp")
                    .interval(1.0 / bins)
                    .extendedBounds(0, 1 - 1.0 / bins))
            .aggregation(AggregationBuilders.sum("sum").field("probabilityUp"));
    org.elasticsearch.search.aggregations.Aggregations aggregations =
        client
            .search(new SearchRequest(ALIAS).source(source), RequestOptions.DEFAULT)
            .getAggregations();
    org.elasticsearch.search.aggregations.bucket.histogram.Histogram histogram =
        aggregations.get("p");
    long[] counts = new long[bins];
    for (var b : histogram.getBuckets()) {
      int at = (int) Math.round(((Number) b.getKey()).doubleValue() * bins);
      counts[Math.min(bins - 1, Math.max(0, at))] += b.getDocCount();
    }
    org.elasticsearch.search.aggregations.metrics.Sum sum = aggregations.get("sum");
    return new LiveProbabilities(counts, sum.getValue());
  }

  /**
   * @param counts predictions per bin of P(up), lowest first
   * @param sum the sum of their P(up)
   */
  public record LiveProbabilities(long[] counts, double sum) {}

  /** The latest predictions of all stocks, newest first. */
  public List<Prediction> latest(int n) throws IOException {
    return search(
        new SearchSourceBuilder()
            .sort("date", SortOrder.DESC)
            .sort("stock", SortOrder.ASC)
            .size(n));
  }

  /** The open calls (not yet resolved) with the highest confidence. */
  public List<Prediction> mostConfident(int n) throws IOException {
    return search(
        new SearchSourceBuilder()
            .query(QueryBuilders.termQuery("resolved", false))
            .sort("confidence", SortOrder.DESC)
            .sort("date", SortOrder.DESC)
            .size(n));
  }

  /** Documents served per layer through the alias. */
  public Map<String, Long> countByLayer() throws IOException {
    SearchSourceBuilder source =
        new SearchSourceBuilder()
            .size(0)
            .aggregation(AggregationBuilders.terms("layers").field("layer").size(2));
    Terms layers =
        client
            .search(new SearchRequest(ALIAS).source(source), RequestOptions.DEFAULT)
            .getAggregations()
            .get("layers");
    Map<String, Long> out = new java.util.TreeMap<>();
    for (Terms.Bucket b : layers.getBuckets()) {
      out.put(b.getKeyAsString(), b.getDocCount());
    }
    return out;
  }

  public record StockSummary(String stock, long predictions, LocalDate lastDate) {}

  /**
   * @param sample {@code in-sample}, {@code out-of-time}, {@code live} or {@code unknown}
   * @param layer {@code batch} or {@code speed}
   * @param hitRate share of resolved predictions that were right, in [0, 1]
   */
  public record Accuracy(
      String modelVersion, String sample, String layer, long resolved, double hitRate) {}

  private List<Prediction> search(SearchSourceBuilder source) throws IOException {
    SearchResponse response =
        client.search(new SearchRequest(ALIAS).source(source), RequestOptions.DEFAULT);
    List<Prediction> out = new ArrayList<>();
    for (SearchHit hit : response.getHits().getHits()) {
      out.add(PredictionDocument.toPrediction(hit.getSourceAsString()));
    }
    return out;
  }
}
