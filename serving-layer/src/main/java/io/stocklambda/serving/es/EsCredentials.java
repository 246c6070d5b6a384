package io.stocklambda.serving.es;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The login for an Elasticsearch cluster with security on. It comes from the environment, never
 * from the command line (where {@code ps} would show it).
 *
 * @param user the Elasticsearch user
 * @param password its password
 */
public record EsCredentials(String user, String password) {

  public static final String USER_ENV = "STOCKLAMBDA_ES_USER";
  public static final String PASSWORD_ENV = "STOCKLAMBDA_ES_PASSWORD";

  public EsCredentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /** From {@link #USER_ENV} and {@link #PASSWORD_ENV}; none when no user is set (security off). */
  public static Optional<EsCredentials> fromEnvironment() {
    return from(System.getenv());
  }

  static Optional<EsCredentials> from(Map<String, String> env) {
    String user = env.get(USER_ENV);
    if (user == null || user.isBlank()) {
      return Optional.empty();
    }
    String password = env.get(PASSWORD_ENV);
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException(USER_ENV + " is set but " + PASSWORD_ENV + " is not");
    }
    return Optional.of(new EsCredentials(user, password));
  }

  /** Never the password. */
  @Override
  public String toString() {
    return "EsCredentials[user=" + user + "]";
  }
}
