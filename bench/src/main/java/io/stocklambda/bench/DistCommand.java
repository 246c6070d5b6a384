package io.stocklambda.bench;

import java.util.ArrayList;
import java.util.List;

/** Command lines of the distribution's commands, as the suites that run them build them. */
final class DistCommand {

  private DistCommand() {}

  /** The two argument lists one after the other, e.g. a command and the options that say where the stack is. */
  static List<String> with(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
