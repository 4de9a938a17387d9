package io.github.wechatqr.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlineBodyTest {
  /** Records what the subscriber asks of it. */
  private static final class Recorded implements Flow.Subscription {
    final AtomicLong requested = new AtomicLong();
    final AtomicBoolean cancelled = new AtomicBoolean();

    @Override
    public void request(long n) {
      requested.addAndGet(n);
    }

    @Override
    public void cancel() {
      cancelled.set(true);
    }
  }

  private static InputStream await(HttpResponse.BodySubscriber<InputStream> subscriber) throws Exception {
    return subscriber.getBody().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void a_body_complete_in_time_comes_back_in_memory_whole() throws Exception {
    DeadlineBody body = new DeadlineBody(60_000);
    HttpResponse.BodySubscriber<InputStream> subscriber = body.subscriber(null);
    Recorded subscription = new Recorded();
    subscriber.onSubscribe(subscription);
    subscriber.onNext(List.of(ByteBuffer.wrap("hel".getBytes(StandardCharsets.UTF_8)),
        ByteBuffer.wrap("lo".getBytes(StandardCharsets.UTF_8))));
    subscriber.onComplete();
    body.done();
    assertThat(await(subscriber).readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
    assertThat(subscription.requested.get()).isEqualTo(Long.MAX_VALUE);
    assertThat(subscription.cancelled).isFalse();
    body.expire(); // a late deadline changes nothing once the body is complete
    assertThat(body.expired()).isFalse();
  }

  @Test
  void at_the_deadline_the_subscription_is_cancelled_and_the_body_fails_with_a_timeout() {
    DeadlineBody body = new DeadlineBody(50);
    HttpResponse.BodySubscriber<InputStream> subscriber = body.subscriber(null);
    Recorded subscription = new Recorded();
    subscriber.onSubscribe(subscription);
    assertThatThrownBy(() -> await(subscriber)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(HttpTimeoutException.class)
        .cause().hasMessage("no complete answer within 50 ms");
    assertThat(body.expired()).isTrue();
    assertThat(subscription.cancelled).isTrue();
  }

  @Test
  void a_subscription_offered_after_the_deadline_is_cancelled_at_once() {
    DeadlineBody body = new DeadlineBody(60_000);
    body.expire();
    Recorded subscription = new Recorded();
    body.subscriber(null).onSubscribe(subscription);
    assertThat(subscription.cancelled).isTrue();
    assertThat(subscription.requested.get()).isZero();
  }

  @Test
  void the_deadline_thread_runs_only_while_exchanges_are_in_flight() throws Exception {
    DeadlineBody first = new DeadlineBody(60_000);
    assertThat(sweeperAlive()).as("while one is in flight").isTrue();
    first.done();
    awaitNoSweeper();

    // the next exchange starts a thread again, and its deadline still fires
    DeadlineBody second = new DeadlineBody(50);
    HttpResponse.BodySubscriber<InputStream> subscriber = second.subscriber(null);
    subscriber.onSubscribe(new Recorded());
    assertThatThrownBy(() -> await(subscriber)).hasCauseInstanceOf(HttpTimeoutException.class);
    awaitNoSweeper();
  }

  private static boolean sweeperAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.getName().equals(DeadlineBody.SWEEPER_NAME) && thread.isAlive());
  }

  /** Waits, up to 10 s, for the sweeper to notice it has nothing to do (it looks every 50 ms). */
  private static void awaitNoSweeper() throws InterruptedException {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sweeperAlive() && System.nanoTime() - giveUp < 0) {
      Thread.sleep(10);
    }
    assertThat(sweeperAlive()).as("once nothing is in flight").isFalse();
  }

  @Test
  void a_failure_of_the_exchange_fails_the_body_as_it_came() {
    DeadlineBody body = new DeadlineBody(60_000);
    HttpResponse.BodySubscriber<InputStream> subscriber = body.subscriber(null);
    subscriber.onSubscribe(new Recorded());
    subscriber.onError(new java.io.IOException("reset"));
    body.done();
    assertThatThrownBy(() -> await(subscriber)).hasCauseInstanceOf(java.io.IOException.class);
    assertThat(body.expired()).isFalse();
  }
}
