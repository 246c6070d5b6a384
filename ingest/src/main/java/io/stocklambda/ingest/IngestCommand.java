package io.stocklambda.ingest;

import com.github.rvesse.airline.HelpOption;
import com.github.rvesse.airline.annotations.AirlineModule;

/** Base of the ingest commands: {@code --help}, and an exit code. */
public abstract class IngestCommand implements Runnable {

  @AirlineModule
  private HelpOption<IngestCommand> help;

  private int exitCode;

  @Override
  public final void run() {
    if (help != null && help.showHelpIfRequested()) {
      return;
    }
    exitCode = execute();
  }

  protected abstract int execute();

  public int exitCode() {
    return exitCode;
  }
}
