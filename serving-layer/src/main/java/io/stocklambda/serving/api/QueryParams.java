package io.stocklambda.serving.api;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The query API's parameters, checked: a bad one is an {@link IllegalArgumentException} (400). */
final class QueryParams {

  static final LocalDate MIN_DATE = LocalDate.of(1900, 1, 1);
  static final LocalDate MAX_DATE = LocalDate.of(2999, 12, 31);

  private QueryParams() {}

  static LocalDate date(Context ctx, String name, LocalDate otherwise) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return otherwise;
    }
    try {
      LocalDate d = LocalDate.parse(value);
      if (d.isBefore(MIN_DATE) || d.isAfter(MAX_DATE)) {
        throw new IllegalArgumentException(
            name + " must lie between " + MIN_DATE + " and " + MAX_DATE + ", was " + value);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be a date like 2017-11-10, was '" + value + "'");
    }
  }

  static int limit(Context ctx, int otherwise) {
    String value = ctx.queryParam("limit");
    if (value == null || value.isEmpty()) {
      return otherwise;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit < 1 || limit > QueryApi.MAX_LIMIT) {
        throw new NumberFormatException();
      }
      return limit;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "limit must be a whole number from 1 to " + QueryApi.MAX_LIMIT + ", was '" + value + "'");
    }
  }
}
