package io.stocklambda.commands.serving;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.Required;
import io.stocklambda.commands.Component;
import io.stocklambda.commands.ComponentOptions;

/** {@code stocklambda kibana import}. */
@Command(
    name = "import",
    description =
        "Import the dashboards (index patterns, visualizations, dashboard) into Kibana through its saved-objects API")
public class KibanaImportOptions extends ComponentOptions {

  /** Where the password of {@code --user} is read from, never a command line. */
  public static final String PASSWORD_ENV = "STOCKLAMBDA_KIBANA_PASSWORD";

  @Option(
      name = "--url",
      title = "url",
      description = "Kibana's base URL, e.g. http://127.0.0.1:5601")
  @Required
  public String url;

  @Option(
      name = "--file",
      title = "file",
      description =
          "Saved objects to import (default: the bundled docker/kibana/stocklambda.ndjson)")
  public String file;

  @Option(
      name = "--user",
      title = "user",
      description = "User for Kibana with security on; the password is read from " + PASSWORD_ENV)
  public String user;

  @Override
  public Component component() {
    return Component.SERVING;
  }

  @Override
  protected String group() {
    return "kibana";
  }
}
