package io.github.wechatqr.cli;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates and downloads a code per row with bounded concurrency, recording each finished row in the
 * manifest at once. Rows the manifest already lists as done are skipped; failed rows are tried again.
 * A row that repeats an earlier row's scene (same scene, same type) is skipped before anything starts and
 * reported as a {@link Duplicate}: one code per scene, never two rows racing on one image. Files go
 * through {@link OutDir}: no link is followed.
 */
final class BatchEngine {
  /**
   * @param done rows created and saved in this run
   * @param skipped rows already done by an earlier run
   * @param failed rows that failed in this run
   * @param exitCode 0, or the exit code of the most serious failure (see {@link ExitCodes})
   * @param duplicates rows skipped because an earlier row of the input has the same scene and type
   */
  record Summary(int done, int skipped, int failed, int exitCode, List<Duplicate> duplicates) {
    Summary(int done, int skipped, int failed, int exitCode) {
      this(done, skipped, failed, exitCode, List.of());
    }
  }

  /**
   * A row whose scene an earlier row of the same input already has.
   *
   * @param row the repeat, skipped
   * @param first the row that is made
   * @param type the manifest's type label of both
   */
  record Duplicate(BatchRow row, BatchRow first, String type) {}

  /**
   * The rows to make, once each, and the repeats left out.
   *
   * @param rows the distinct rows, in input order
   * @param duplicates the repeats, in input order
   */
  record Plan(List<BatchRow> rows, List<Duplicate> duplicates) {}

  private final QrCodeService service;
  private final Path dir;
  private final int concurrency;
  private final Duration expire;
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger exitCode = new AtomicInteger(ExitCodes.OK);
  private volatile ExecutorService workers;

  /** @param expire the lifetime of temporary codes; {@code null} for permanent codes */
  BatchEngine(QrCodeService service, Path dir, int concurrency, Duration expire) {
    if (concurrency < 1 || concurrency > 256) {
      throw new IllegalArgumentException("--concurrency must be 1..256, was " + concurrency);
    }
    this.service = service;
    this.dir = dir;
    this.concurrency = concurrency;
    this.expire = expire;
  }

  /**
   * Leaves out the rows that repeat an earlier row's scene and type.
   *
   * @throws IllegalArgumentException if two different scenes would share one image file name
   */
  static Plan plan(List<BatchRow> rows, boolean permanent) {
    Map<String, BatchRow> byScene = new HashMap<>();
    Map<String, BatchRow> byFile = new HashMap<>();
    List<BatchRow> distinct = new ArrayList<>();
    List<Duplicate> duplicates = new ArrayList<>();
    for (BatchRow row : rows) {
      String type = row.typeLabel(permanent);
      BatchRow first = byScene.putIfAbsent(type + '\u0000' + row.scene(), row);
      if (first != null) {
        duplicates.add(new Duplicate(row, first, type));
        continue;
      }
      BatchRow sameFile = byFile.putIfAbsent(ImageFiles.name(type, row.scene()), row);
      if (sameFile != null) {
        throw new IllegalArgumentException("lines " + sameFile.line() + " and " + row.line()
            + " are different scenes with the same image file name " + ImageFiles.name(type, row.scene())
            + ": change one of them");
      }
      distinct.add(row);
    }
    return new Plan(List.copyOf(distinct), List.copyOf(duplicates));
  }

  Summary run(List<BatchRow> rows, Progress progress) throws IOException, InterruptedException {
    Plan plan = plan(rows, expire == null);
    int skipped = 0;
    try (OutDir out = OutDir.open(dir); Manifest manifest = Manifest.open(out)) {
      for (int i = 0; i < plan.duplicates().size(); i++) {
        progress.step();
      }
      workers = Executors.newFixedThreadPool(concurrency, task -> new Thread(task, "qrcode-batch"));
      List<Future<?>> pending = new ArrayList<>();
      for (BatchRow row : plan.rows()) {
        String type = row.typeLabel(expire == null);
        if (manifest.isDone(type, row.scene()) && out.isRegularFile(ImageFiles.name(type, row.scene()))) {
          skipped++;
          progress.step();
          continue;
        }
        pending.add(workers.submit(() -> {
          process(row, type, out, manifest);
          progress.step();
        }));
      }
      workers.shutdown();
      for (Future<?> task : pending) {
        await(task);
      }
    }
    return new Summary(done.get(), skipped, failed.get(), exitCode.get(), plan.duplicates());
  }

  /** Stops taking rows (Ctrl-C): finished rows are already in the manifest. */
  void stop() throws InterruptedException {
    ExecutorService running = workers;
    if (running != null) {
      running.shutdownNow();
      running.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /** As {@link #stop()}, for a shutdown hook. */
  void stopQuietly() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void process(BatchRow row, String type, OutDir out, Manifest manifest) {
    try {
      SceneValue scene = row.sceneValue();
      QrCode code = service.obtain(expire == null ? QrCodeRequest.permanent(scene)
          : QrCodeRequest.temporary(scene, expire));
      String file = ImageFiles.name(type, row.scene());
      out.writeAtomically(file, service.image(code).bytes());
      // ticket and url come from WeChat or Redis: escaped like everything printed, for whoever cats the file
      manifest.append(List.of(row.scene(), type, Terminal.text(code.ticket().value()), Terminal.text(code.url()),
          code.expiresAt() == null ? "" : code.expiresAt().toString(), file, Manifest.DONE, ""));
      done.incrementAndGet();
    } catch (QrCodeException | IOException failure) {
      failed.incrementAndGet();
      exitCode.accumulateAndGet(ExitCodes.of(failure), Math::max);
      try {
        manifest.append(List.of(row.scene(), type, "", "", "", "", Manifest.FAILED,
            Terminal.text(Terminal.redacted(failure.getMessage()))));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the manifest", e);
      }
    }
  }

  private static void await(Future<?> task) throws InterruptedException, IOException {
    try {
      task.get();
    } catch (java.util.concurrent.CancellationException stopped) {
      // Ctrl-C: the row stays undone and is picked up by the next run
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
