package io.github.wechatqr.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Batch progress: a bar on a terminal, a plain line every 5% otherwise (logs, CI, pipes). */
interface Progress extends AutoCloseable {
  void step();

  @Override
  void close();

  static Progress of(int total, boolean terminal, PrintWriter out) {
    return terminal ? new Bar(total) : new Lines(total, out);
  }

  /** The terminal bar. */
  final class Bar implements Progress {
    private final ProgressBar bar;

    Bar(int total) {
      bar = new ProgressBarBuilder().setTaskName("qrcode batch").setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII).build();
    }

    @Override
    public void step() {
      bar.step();
    }

    @Override
    public void close() {
      bar.close();
    }
  }

  /** Periodic plain lines. */
  final class Lines implements Progress {
    private final int total;
    private final int every;
    private final PrintWriter out;
    private final AtomicInteger count = new AtomicInteger();

    Lines(int total, PrintWriter out) {
      this.total = total;
      this.every = Math.max(1, total / 20);
      this.out = out;
    }

    @Override
    public void step() {
      int now = count.incrementAndGet();
      if (now % every == 0 || now == total) {
        synchronized (out) {
          out.printf("progress %d/%d%n", now, total);
          out.flush();
        }
      }
    }

    @Override
    public void close() {
      out.flush();
    }
  }
}
