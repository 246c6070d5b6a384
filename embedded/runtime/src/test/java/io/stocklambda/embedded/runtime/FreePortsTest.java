package io.stocklambda.embedded.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void portsAreDistinctBindableAndBelowTheEphemeralRange() throws Exception {
    int[] ports = FreePorts.take(11);
    assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(11);
    for (int port : ports) {
      assertThat(port).isBetween(FreePorts.LOW, FreePorts.HIGH).isLessThan(32_768);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertThat(socket.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void aPortInUseIsNeverTaken() throws Exception {
    int[] held = FreePorts.take(200);
    ServerSocket[] sockets = new ServerSocket[held.length];
    try {
      for (int i = 0; i < held.length; i++) {
        sockets[i] = new ServerSocket(held[i], 1, InetAddress.getLoopbackAddress());
      }
      int[] more = FreePorts.take(50);
      assertThat(more).doesNotContain(held);
    } finally {
      for (ServerSocket s : sockets) {
        if (s != null) {
          s.close();
        }
      }
    }
  }
}
