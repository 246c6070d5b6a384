package io.stocklambda.embedded.stack.junit;

import io.stocklambda.embedded.stack.Engine;

/**
 * A test's hold on the shared stack, to cause an outage: stop an engine (cleanly; its data stays)
 * and start it again on the same ports. Inject it as a test parameter next to {@code Endpoints}.
 */
public interface StackControl {

  void stop(Engine engine);

  void start(Engine engine);
}
