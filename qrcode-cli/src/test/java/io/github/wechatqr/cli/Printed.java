package io.github.wechatqr.cli;

import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.Future;

/** What a command running on another thread prints, with a way to wait for a piece of it: no polling. */
final class Printed extends Writer {
  private final StringBuilder text = new StringBuilder();

  @Override
  public synchronized void write(char[] chars, int offset, int length) {
    text.append(chars, offset, length);
    notifyAll();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  /** Wakes {@link #await} callers, for instance when the command has returned. */
  synchronized void wake() {
    notifyAll();
  }

  /**
   * Waits until {@code needle} was printed.
   *
   * @param running the command: waiting ends with a failure if it returns first
   * @throws AssertionError if {@code needle} is not printed within {@code limit}
   */
  synchronized void await(String needle, Duration limit, Future<?> running) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (text.indexOf(needle) < 0) {
      long left = deadline - System.nanoTime();
      if (running.isDone() || left <= 0) {
        throw new AssertionError("no '" + needle + "' within " + limit + "; printed: " + text);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  @Override
  public synchronized String toString() {
    return text.toString();
  }
}
