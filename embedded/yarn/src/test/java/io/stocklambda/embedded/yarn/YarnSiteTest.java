package io.stocklambda.embedded.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class YarnSiteTest {

  @Test
  void noInnerPortIsHandedOutTwice() {
    // the kernel gives a just-closed port again often (hundreds of times in 3,000 binds to port 0
    // on the CI machine): two of YARN's services given one port fail the stack's start
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 3_000; i++) {
      assertThat(ports.add(YarnSite.freePort())).as("port %d handed out again", i).isTrue();
    }
  }
}
