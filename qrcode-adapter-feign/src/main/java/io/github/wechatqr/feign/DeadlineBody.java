package io.github.wechatqr.feign;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reads one answer's body into memory, and gives up at a deadline counted from its creation: the
 * subscription is cancelled (the JDK then closes the connection) and the body fails with an
 * {@link HttpTimeoutException}, which ends the waiting {@code HttpClient.send}. One daemon thread serves
 * the deadlines of every exchange; it wakes only when one is due.
 */
final class DeadlineBody {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final CompletableFuture<InputStream> body = new CompletableFuture<>();
  private final ScheduledFuture<?> timeout;
  private final long deadlineMillis;
  private volatile Flow.Subscription subscription;
  private volatile boolean expired;

  /** @param deadlineMillis how long, from now, the whole answer may take */
  DeadlineBody(long deadlineMillis) {
    this.deadlineMillis = deadlineMillis;
    this.timeout = TIMER.schedule(this::expire, deadlineMillis, TimeUnit.MILLISECONDS);
  }

  static String message(long deadlineMillis) {
    return "no complete answer within " + deadlineMillis + " ms";
  }

  /** The subscriber for the answer, once its headers are in. */
  HttpResponse.BodySubscriber<InputStream> subscriber(HttpResponse.ResponseInfo info) {
    return new Subscriber();
  }

  /** @return whether the deadline passed before the body was complete */
  boolean expired() {
    return expired;
  }

  /** Releases the deadline once the exchange is over, however it ended. */
  void done() {
    timeout.cancel(false);
  }

  void expire() {
    if (body.isDone()) {
      return;
    }
    expired = true;
    Flow.Subscription current = subscription;
    if (current != null) {
      current.cancel();
    }
    body.completeExceptionally(new HttpTimeoutException(message(deadlineMillis)));
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "qrcode-http-deadlines");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true); // a finished exchange leaves nothing behind in the queue
    return timer;
  }

  /** Collects the body's buffers; like {@code BodySubscribers.ofByteArray()}, but fails at the deadline. */
  private final class Subscriber implements HttpResponse.BodySubscriber<InputStream> {
    private final java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();

    @Override
    public CompletionStage<InputStream> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
      subscription = given;
      if (expired) {
        given.cancel();
      } else {
        given.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        received.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable failure) {
      body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      body.complete(new ByteArrayInputStream(received.toByteArray()));
    }
  }
}
