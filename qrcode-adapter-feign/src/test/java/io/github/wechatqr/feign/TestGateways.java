package io.github.wechatqr.feign;

import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.GatewaySetup;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Gateways configured for tests: millisecond backoff, short timeouts, 127.0.0.1 only. */
final class TestGateways {
  /** Read timeout of test gateways; {@link #SLOW} exceeds it. */
  static final Duration READ_TIMEOUT = Duration.ofMillis(1000);
  /** A delay that trips {@link #READ_TIMEOUT}. */
  static final Duration SLOW = Duration.ofMillis(1500);

  private TestGateways() {}

  /**
   * A secret or token a test spells out itself (not one a fake hands out), written to the secret ledger
   * so that qrcode-it's leak scan looks for it in this module's log too.
   *
   * @param secret the value
   * @return the value
   */
  static String ledgered(String secret) {
    io.github.wechatqr.testkit.SecretLedger.record(secret);
    return secret;
  }

  /** For the contract kits: real (millisecond) sleeps. */
  static FeignQrCodeGateway forSetup(GatewaySetup setup, TokenMode mode) {
    return FeignQrCodeGateway.builder()
        .appId(setup.appId()).secret(setup.secret())
        .apiBase(setup.apiBase()).mpBase(setup.mpBase())
        .clock(setup.clock())
        .tokenMode(mode)
        .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2))
        .backoff(Duration.ofMillis(2), Duration.ofMillis(8))
        .build();
  }

  /**
   * Against a fake, with waits recorded by {@code sleeper} instead of slept; CLASSIC token mode, since most
   * fault tests count and fault {@code /cgi-bin/token} calls (the default STABLE mode has tests of its own).
   */
  static FeignQrCodeGatewayBuilder against(FakeWeChatServer fake, Clock clock, Sleeper sleeper) {
    return FeignQrCodeGateway.builder()
        .appId(fake.appId()).secret(fake.secret()).tokenMode(TokenMode.CLASSIC)
        .apiBase(fake.baseUri()).mpBase(fake.baseUri())
        .clock(clock)
        .connectTimeout(Duration.ofSeconds(1)).readTimeout(READ_TIMEOUT)
        .backoff(Duration.ofMillis(4), Duration.ofMillis(16))
        .sleeper(sleeper);
  }

  /** A sleeper that only records the waits and moves the clock by them, so budgets can be exercised. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final MutableClock clock;

    RecordingSleeper(MutableClock clock) {
      this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
      waits.add(duration);
      clock.advance(duration);
    }
  }
}
