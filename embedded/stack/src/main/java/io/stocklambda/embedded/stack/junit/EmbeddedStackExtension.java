package io.stocklambda.embedded.stack.junit;

import io.stocklambda.embedded.stack.EmbeddedStack;
import io.stocklambda.embedded.stack.Endpoints;
import io.stocklambda.embedded.stack.Engine;
import io.stocklambda.embedded.stack.StackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the engines of {@link EmbeddedStackTest} once per test JVM and hands out their endpoints.
 */
public final class EmbeddedStackExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EmbeddedStackExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    Engine[] engines =
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), EmbeddedStackTest.class)
            .map(EmbeddedStackTest::value)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "use @EmbeddedStackTest to say which engines the test needs"));
    shared(context).ensure(EnumSet.copyOf(Set.of(engines)));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Endpoints.class
        || parameter.getParameter().getType() == StackControl.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    SharedStack shared = shared(context);
    return parameter.getParameter().getType() == StackControl.class ? shared : shared.endpoints();
  }

  private static SharedStack shared(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(SharedStack.class, k -> new SharedStack(), SharedStack.class);
  }

  /** One stack per test JVM, closed by JUnit at the end of the run. */
  static final class SharedStack implements AutoCloseable, StackControl {

    private final EmbeddedStack stack;
    private final StackPorts ports = StackPorts.free();
    private final Set<Engine> running = EnumSet.noneOf(Engine.class);

    SharedStack() {
      Path dir = Paths.get(System.getProperty("java.io.tmpdir")).resolve("embedded-stack");
      stack = new EmbeddedStack(dir, line -> System.out.println("[embedded-stack] " + line));
      stack.down(); // engines a crashed earlier run left behind
      deleteRecursively(dir);
    }

    synchronized void ensure(Set<Engine> engines) {
      if (!running.containsAll(engines)) {
        running.addAll(engines);
        stack.up(running, ports);
      }
    }

    @Override
    public synchronized void stop(Engine engine) {
      stack.stop(engine);
      running.remove(engine);
    }

    @Override
    public synchronized void start(Engine engine) {
      running.add(engine);
      stack.up(running, ports);
    }

    Endpoints endpoints() {
      return new Endpoints(ports, stack.dir());
    }

    @Override
    public void close() {
      stack.down();
    }

    private static void deleteRecursively(Path dir) {
      if (!Files.exists(dir)) {
        return;
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot clear " + dir, e);
      }
    }
  }
}
