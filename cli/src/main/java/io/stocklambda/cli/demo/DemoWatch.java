package io.stocklambda.cli.demo;

import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.progress.GracefulStop;
import io.stocklambda.embedded.stack.Endpoints;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;

/**
 * The demo's live part on the terminal: where to look, then a line of live figures every few
 * seconds.
 */
final class DemoWatch {

  /** How often a line of live figures is printed. */
  static final Duration STATUS_EVERY = Duration.ofSeconds(5);

  private DemoWatch() {}

  /** Where to look: the web view, the API, each store. */
  static void banner(PrintStream out, URI web, Endpoints at, Duration limit) {
    out.println();
    out.println("  live web view     " + web);
    out.println(
        "  query API         "
            + web.resolve("/api/overview")
            + "   (also /api/stocks/{stock}/predictions, /api/accuracy)");
    out.println(
        "  Elasticsearch     "
            + at.elasticsearchUrl()
            + "/predictions/_search   (index alias 'predictions'; "
            + "'stocklambda kibana import' for the dashboards)");
    out.println(
        "  HBase             zookeeper 127.0.0.1:"
            + at.hbaseZookeeperPort()
            + ", table stocklambda:predictions");
    out.println("  HDFS              " + at.hdfsUri() + MasterLayout.DEFAULT_ROOT);
    out.println(
        limit == null
            ? "  Ctrl-C stops everything."
            : "  stops in " + limit.toSeconds() + " s, or on Ctrl-C.");
    out.println();
  }

  /** What the demo does once the live days are replayed, the loop still running. */
  @FunctionalInterface
  interface AfterReplay {
    void run() throws InterruptedException;
  }

  /**
   * Prints a line of live figures every few seconds until the limit or Ctrl-C; runs {@code
   * afterReplay} (if not null) once the replay has ended well.
   */
  static void watch(
      PrintStream out,
      DemoChildren children,
      LiveFigures figures,
      DemoChildren.Child replay,
      long liveRows,
      GracefulStop stop,
      long deadline,
      AfterReplay afterReplay)
      throws InterruptedException {
    LiveFigures.Reading last = figures.read();
    boolean replayReported = false;
    long nextLine = System.nanoTime() + STATUS_EVERY.toNanos();
    while (!stop.requested() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      if (!replayReported && !replay.process.isAlive()) {
        replayReported = true;
        int exit = replay.process.exitValue();
        out.println(
            exit == 0
                ? String.format(
                    "  replay done: %,d live ticks sent; the loop keeps running%s",
                    liveRows, deadline == Long.MAX_VALUE ? " until Ctrl-C" : "")
                : "  replay exited with " + exit + "; the end of its log:\n" + replay.tail());
        if (exit == 0 && afterReplay != null) {
          afterReplay.run();
        }
      }
      children.reportExits(replay);
      if (System.nanoTime() >= nextLine) {
        LiveFigures.Reading now = figures.read();
        out.println(LiveFigures.statusLine(last, now, liveRows));
        last = now;
        nextLine = System.nanoTime() + STATUS_EVERY.toNanos();
      }
    }
  }
}
