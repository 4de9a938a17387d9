package io.github.wechatqr.feign;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads one answer's body into memory, and gives up at a deadline counted from its creation: the
 * subscription is cancelled (the JDK then closes the connection) and the body fails with an
 * {@link HttpTimeoutException}, which ends the waiting {@code HttpClient.send}. Deadlines are not timer
 * tasks: one daemon thread looks over the exchanges in flight every {@value #SWEEP_MILLIS} ms, so an
 * exchange costs a set insertion and removal rather than a thread wake-up (a timer whose earliest task
 * changes on every request wakes its thread on every request). A deadline may thus pass up to that much
 * later than asked; it bounds stalls, not latency. The thread runs only while exchanges are in flight: it
 * ends once it finds none, and the next exchange starts another, so an idle or unloaded library holds no
 * thread (and no class loader).
 */
final class DeadlineBody {
  static final long SWEEP_MILLIS = 50;
  static final String SWEEPER_NAME = "qrcode-http-deadlines";
  private static final Set<DeadlineBody> IN_FLIGHT = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean SWEEPING = new AtomicBoolean();

  private final CompletableFuture<InputStream> body = new CompletableFuture<>();
  private final long deadlineMillis;
  private final long deadlineNanos;
  private volatile Flow.Subscription subscription;
  private volatile boolean expired;

  /** @param deadlineMillis how long, from now, the whole answer may take */
  DeadlineBody(long deadlineMillis) {
    this.deadlineMillis = deadlineMillis;
    this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
    IN_FLIGHT.add(this);
    if (SWEEPING.compareAndSet(false, true)) {
      Thread sweeper = new Thread(DeadlineBody::sweep, SWEEPER_NAME);
      sweeper.setDaemon(true);
      sweeper.start();
    }
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
    IN_FLIGHT.remove(this);
  }

  void expire() {
    IN_FLIGHT.remove(this);
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

  private static void sweep() {
    while (true) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS));
      long now = System.nanoTime();
      for (DeadlineBody exchange : IN_FLIGHT) {
        if (now - exchange.deadlineNanos >= 0) {
          exchange.expire();
        }
      }
      if (IN_FLIGHT.isEmpty()) {
        SWEEPING.set(false);
        // An exchange added after the check above saw SWEEPING still set and started no thread: this one
        // carries on for it, unless a newer exchange has already started another.
        if (IN_FLIGHT.isEmpty() || !SWEEPING.compareAndSet(false, true)) {
          return;
        }
      }
    }
  }

  /** Collects the body's buffers; like {@code BodySubscribers.ofByteArray()}, but fails at the deadline. */
  private final class Subscriber implements HttpResponse.BodySubscriber<InputStream> {
    // The chunks as they come, joined once at the end: no growing buffer copied over and over.
    private final List<byte[]> received = new ArrayList<>();
    private int size;

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
        received.add(chunk);
        size += chunk.length;
      }
    }

    @Override
    public void onError(Throwable failure) {
      body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      byte[] whole = new byte[size];
      int at = 0;
      for (byte[] chunk : received) {
        System.arraycopy(chunk, 0, whole, at, chunk.length);
        at += chunk.length;
      }
      body.complete(new ByteArrayInputStream(whole));
    }
  }
}
