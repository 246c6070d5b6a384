package io.stocklambda.embedded.stack;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Elasticsearch with security on, as a production cluster runs it: the built-in superuser {@code
 * elastic} with a bootstrap password, and roles and users of the node's own file realm (this
 * distribution has no analysis module, so the native realm's {@code .security} index cannot be
 * created; the file realm needs no index).
 *
 * @param elasticPassword the {@code elastic} user's password, at least 6 characters
 * @param roles role name to its descriptor, in the JSON of the role API
 * @param users users of the file realm
 */
public record ElasticsearchSecurity(
    String elasticPassword, Map<String, String> roles, List<User> users) {

  /** A file-realm user and its roles. */
  public record User(String name, String password, List<String> roles) {
    public User {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(password, "password");
      roles = List.copyOf(roles);
      if (password.length() < 6) {
        throw new IllegalArgumentException(
            "Elasticsearch wants passwords of at least 6 characters (user " + name + ")");
      }
    }
  }

  public ElasticsearchSecurity {
    Objects.requireNonNull(elasticPassword, "elasticPassword");
    if (elasticPassword.length() < 6) {
      throw new IllegalArgumentException(
          "Elasticsearch wants passwords of at least 6 characters (user elastic)");
    }
    roles = Map.copyOf(roles);
    users = List.copyOf(users);
  }

  /** Never the passwords. */
  @Override
  public String toString() {
    return "ElasticsearchSecurity[roles="
        + roles.keySet()
        + ", users="
        + users.stream().map(User::name).toList()
        + "]";
  }
}
