package io.github.wechatqr.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) and SIGTERM taken as a request to stop cleanly, so a serving command shuts down the way
 * it does when its input ends and exits 0, rather than the JVM exiting 130 or 143 under it. A second
 * signal exits at once (128 + the signal's number). Where the JVM does not let a signal be caught
 * ({@code -Xrs}, or no {@code sun.misc.Signal}), that signal keeps its usual effect. Closing restores the
 * previous handlers.
 *
 * <p>{@code sun.misc.Signal} (module {@code jdk.unsupported}) is reached by reflection: the build compiles
 * without warnings, and a runtime without it simply keeps the JVM's handling.
 */
final class StopSignals implements AutoCloseable {
  private static final String[] NAMES = {"INT", "TERM"};
  private final List<Object[]> previous = new ArrayList<>();
  private final Method handle;

  private StopSignals(Method handle) {
    this.handle = handle;
  }

  /** @param stop run on the first signal, on the signal's thread; it should only ask the command to stop */
  static StopSignals on(Runnable stop) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Method handle = signal.getMethod("handle", signal, handler);
      Method number = signal.getMethod("getNumber");
      StopSignals installed = new StopSignals(handle);
      AtomicInteger received = new AtomicInteger();
      Object ours = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handler},
          (proxy, method, args) -> switch (method.getName()) {
            case "handle" -> {
              if (received.getAndIncrement() == 0) {
                stop.run();
              } else {
                Runtime.getRuntime().exit(128 + (int) number.invoke(args[0]));
              }
              yield null;
            }
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "qrcode stop on signal";
          });
      for (String name : NAMES) {
        Object sig = signal.getConstructor(String.class).newInstance(name);
        try {
          installed.previous.add(new Object[] {sig, handle.invoke(null, sig, ours)});
        } catch (InvocationTargetException reserved) {
          // -Xrs, or the VM keeps this signal: it does what it always does
        }
      }
      return installed;
    } catch (ReflectiveOperationException | LinkageError | SecurityException unavailable) {
      return new StopSignals(null);
    }
  }

  @Override
  public void close() {
    for (Object[] restore : previous) {
      try {
        handle.invoke(null, restore[0], restore[1]);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // the JVM is going down anyway
      }
    }
    previous.clear();
  }
}
