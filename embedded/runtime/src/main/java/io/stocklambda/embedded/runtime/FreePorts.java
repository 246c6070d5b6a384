package io.stocklambda.embedded.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports free right now on loopback, for an engine that will bind them later: taken at random from
 * {@value #LOW} to {@value #HIGH}, below the ephemeral range from which the kernel hands out a port
 * to whoever binds port 0 (Linux's {@code net.ipv4.ip_local_port_range} is 32768-60999 by default;
 * macOS's and Windows' ranges start higher still). A port picked by binding port 0 can be handed
 * again to another process before its engine binds it: a DataNode's internal web server once took
 * Elasticsearch's transport port that way while Elasticsearch was starting. A port below the range
 * can only be taken by someone who chose it.
 */
public final class FreePorts {

  static final int LOW = 20_000;
  static final int HIGH = 32_767;
  private static final int ATTEMPTS = 1_000;

  private FreePorts() {}

  /**
   * {@code n} distinct ports that nothing listens on now.
   *
   * @throws UncheckedIOException if {@code n} free ports are not found in {@value #ATTEMPTS} tries
   */
  public static int[] take(int n) {
    Set<Integer> ports = new LinkedHashSet<>();
    List<Integer> tried = new ArrayList<>();
    for (int attempt = 0; attempt < ATTEMPTS && ports.size() < n; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOW, HIGH + 1);
      if (!ports.contains(port) && isFree(port)) {
        ports.add(port);
      } else {
        tried.add(port);
      }
    }
    if (ports.size() < n) {
      throw new UncheckedIOException(
          new IOException(
              "found only " + ports.size() + " of " + n + " free ports in " + LOW + "-" + HIGH));
    }
    return ports.stream().mapToInt(Integer::intValue).toArray();
  }

  /** One free port, as {@link #take(int)}. */
  public static int take() {
    return take(1)[0];
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
