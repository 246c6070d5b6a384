package io.stocklambda.core.serving;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One stock on one trading date: the key the merge rule decides on, one HBase row ({@link
 * ServingKeys#rowKey}) and one Elasticsearch document ({@link ServingKeys#documentId}) in each
 * view.
 */
public record StockDate(String stock, LocalDate date) {

  public StockDate {
    Objects.requireNonNull(stock, "stock");
    Objects.requireNonNull(date, "date");
  }

  public String rowKey() {
    return ServingKeys.rowKey(stock, date);
  }

  public String documentId() {
    return ServingKeys.documentId(stock, date);
  }
}
