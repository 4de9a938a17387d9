package io.github.wechatqr.cli;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates and downloads a code per row with bounded concurrency, recording each finished row in the
 * manifest at once. Rows the manifest already lists as done are skipped; failed rows are tried again.
 */
final class BatchEngine {
  /**
   * @param done rows created and saved in this run
   * @param skipped rows already done by an earlier run
   * @param failed rows that failed in this run
   * @param exitCode 0, or the exit code of the most serious failure (see {@link ExitCodes})
   */
  record Summary(int done, int skipped, int failed, int exitCode) {}

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

  Summary run(List<BatchRow> rows, Progress progress) throws IOException, InterruptedException {
    int skipped = 0;
    try (Manifest manifest = Manifest.open(dir)) {
      workers = Executors.newFixedThreadPool(concurrency, task -> new Thread(task, "qrcode-batch"));
      List<Future<?>> pending = new ArrayList<>();
      for (BatchRow row : rows) {
        String type = row.typeLabel(expire == null);
        if (manifest.isDone(type, row.scene()) && Files.exists(dir.resolve(ImageFiles.name(type, row.scene())))) {
          skipped++;
          progress.step();
          continue;
        }
        pending.add(workers.submit(() -> {
          process(row, type, manifest);
          progress.step();
        }));
      }
      workers.shutdown();
      for (Future<?> task : pending) {
        await(task);
      }
    }
    return new Summary(done.get(), skipped, failed.get(), exitCode.get());
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

  private void process(BatchRow row, String type, Manifest manifest) {
    try {
      SceneValue scene = row.sceneValue();
      QrCode code = service.obtain(expire == null ? QrCodeRequest.permanent(scene)
          : QrCodeRequest.temporary(scene, expire));
      String file = ImageFiles.name(type, row.scene());
      Path partial = dir.resolve(file + ".part");
      Files.write(partial, service.image(code).bytes());
      Files.move(partial, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      manifest.append(List.of(row.scene(), type, code.ticket().value(), code.url(),
          code.expiresAt() == null ? "" : code.expiresAt().toString(), file, Manifest.DONE, ""));
      done.incrementAndGet();
    } catch (QrCodeException | IOException failure) {
      failed.incrementAndGet();
      exitCode.accumulateAndGet(ExitCodes.of(failure), Math::max);
      try {
        manifest.append(List.of(row.scene(), type, "", "", "", "", Manifest.FAILED, failure.getMessage()));
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
