package io.github.wechatqr.events;

import io.github.wechatqr.domain.port.PushLedger;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.session.ScanSessions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The callback URL of an Official Account, framework-neutral: give it the method, the query parameters
 * and the body of a request, write back the {@link CallbackResponse}. {@code GET} is the URL
 * verification (the {@code signature} checked in constant time, the {@code echostr} answered);
 * {@code POST} is a push in plain, compatible or safe mode ({@code encrypt_type=aes}, checked against
 * {@code msg_signature}, AES-decrypted, the appid inside checked). The XML parser refuses DOCTYPEs and
 * entities; bodies over the size limit and timestamps outside the skew limit are refused. A refusal before
 * the signature checked out is a 4xx with the reason in plain text; every refusal after it gets one and
 * the same answer (the reason goes to the log), so safe mode gives a holder of the Token no padding
 * oracle. No refusal reaches a listener. Scans go through
 * {@link QrCodeService#resolve} to the {@link ScanListener}, once each: WeChat's retries are recognised
 * and answered {@code success}; a listener that throws anything gets WeChat to retry (HTTP 500). Thread-safe.
 *
 * <pre>{@code
 * WeChatCallbackHandler callback = WeChatCallbackHandler.builder()
 *     .token(callbackToken)
 *     .encodingAesKey(encodingAesKey, appId)        // safe or compatible mode; omit for plain mode
 *     .clock(Clock.systemUTC())
 *     .resolver(qrCodeService)
 *     .scanListener(scan -> onboarding.welcome(scan.event().openId(), scan.scene()))
 *     .build();
 * CallbackResponse answer = callback.handle(request.method(), request.queryParameters(), request.body());
 * }</pre>
 */
public final class WeChatCallbackHandler {
  private final CallbackPipeline pipeline;
  private final Refusals refusals;
  private final int maxBodyBytes;
  private final String description;

  private WeChatCallbackHandler(Builder b) {
    MessageCipher cipher = b.encodingAesKey == null ? null : new MessageCipher(b.encodingAesKey, b.appId);
    this.maxBodyBytes = b.maxBodyBytes;
    PushDecoder decoder =
        new PushDecoder(b.token, cipher, new PushXmlReader(b.maxBodyBytes), b.clock, b.maxSkew);
    // Timestamps are whole seconds: a request first accepted at the start of a second can come back until
    // the end of the last second its timestamp is accepted, so one second more than the window.
    Duration remembered = b.dedupWindow.plusSeconds(1);
    ScanListener scans = b.scanSessions == null ? b.scanListener : new SessionScans(b.scanSessions, b.scanListener);
    Delivery delivery = new Delivery(b.resolver::resolve, scans, b.fallbackListener,
        new Deduplicator(b.clock, remembered, b.dedupCapacity), b.sharedDedup, remembered);
    this.refusals = new Refusals(b.clock, remembered, System::nanoTime);
    this.pipeline = new CallbackPipeline(decoder, delivery, refusals, b.maxBodyBytes);
    this.description = "WeChatCallbackHandler[" + (cipher == null ? "plain" : "encrypted, appId=" + b.appId)
        + ", maxSkew=" + b.maxSkew + ", maxBodyBytes=" + b.maxBodyBytes + ", dedupWindow=" + b.dedupWindow
        + ", token=<redacted>" + (cipher == null ? "" : ", encodingAesKey=<redacted>") + "]";
  }

  /** Returns a builder; token, clock, resolver and a scan listener or scan sessions are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Handles one callback request: the URL check, or a push, checked, decrypted and handed to a listener.
   *
   * @param method the HTTP method, {@code GET} or {@code POST}
   * @param query the decoded query parameters; {@code null} reads as none
   * @param body the request body; {@code null} reads as empty. Reading more than
   *     {@link #maxBodyBytes()} + 1 bytes of it is wasted: anything longer is refused anyway
   * @return what to answer; never throws for any input (a failing listener is a 500)
   */
  public CallbackResponse handle(String method, @Nullable Map<String, String> query, byte @Nullable [] body) {
    return pipeline.handle(method, query == null ? Map.of() : query, body == null ? new byte[0] : body);
  }

  /**
   * Pushes refused after their signature checked out. WeChat sends none: each one means the callback
   * Token is known to someone else (or WeChat changed its format). All get the same answer; the reasons
   * are in the log (WARN, at most one line per 10 s).
   *
   * @return how many there were since the handler was built
   */
  public long refusalsAfterSignature() {
    return refusals.total();
  }

  /**
   * Of {@link #refusalsAfterSignature()}, those that came with a signed URL (its timestamp and nonce)
   * already refused before: one URL tried again and again with other bodies is how a holder of the Token
   * probes safe mode.
   *
   * @return how many there were since the handler was built
   */
  public long repeatedRefusals() {
    return refusals.repeated();
  }

  /** Returns the body size limit, so an adapter can stop reading past it. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Names the mode and limits; never the token or the EncodingAESKey. */
  @Override
  public String toString() {
    return description;
  }

  /** Configures a {@link WeChatCallbackHandler}. Secrets given here are never logged or printed. */
  public static final class Builder {
    // null until set: build() names a missing required one; plain mode has no key, the handler's default
    // stands in for no window, and without a fallback listener other pushes are just answered
    private @Nullable String token;
    private @Nullable String encodingAesKey;
    private @Nullable String appId;
    private @Nullable Clock clock;
    private Duration maxSkew = Duration.ofMinutes(5);
    private int maxBodyBytes = 64 * 1024;
    private @Nullable Duration dedupWindow;
    private long dedupCapacity = 100_000;
    private @Nullable QrCodeService resolver;
    private @Nullable ScanListener scanListener;
    private @Nullable ScanSessions scanSessions;
    private @Nullable PushLedger sharedDedup;
    private @Nullable MessageListener fallbackListener;

    private Builder() {}

    /**
     * Sets the callback token: the Token of the account's server settings, which signs every request.
     *
     * @param token 3..32 letters or digits, as WeChat accepts it (required)
     * @return this builder
     * @throws IllegalArgumentException {@code token must ...} (naming its length, never the value) otherwise
     */
    public Builder token(String token) {
      this.token = CallbackSecrets.token(token);
      return this;
    }

    /**
     * Switches to encrypted pushes (safe or compatible mode); plain pushes are then refused.
     *
     * @param encodingAesKey the EncodingAESKey: 43 characters of base64, as the server settings show it
     * @param appId the account's appid, which every encrypted message must carry
     * @return this builder
     * @throws IllegalArgumentException {@code encodingAesKey must ...} (naming its length or a character
     *     class, never the value) or {@code appId must ...} if blank
     */
    public Builder encodingAesKey(String encodingAesKey, String appId) {
      this.encodingAesKey = CallbackSecrets.encodingAesKey(encodingAesKey);
      this.appId = CallbackSecrets.appId(appId);
      return this;
    }

    /**
     * Sets the clock that timestamps and the de-duplication window are measured in.
     *
     * @param clock the time timestamps and the de-duplication window are measured in (required)
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets how far a request's timestamp may be from the clock.
     *
     * @param maxSkew how far a request's timestamp may be from the clock, either way (default 5 minutes)
     * @return this builder
     */
    public Builder maxSkew(Duration maxSkew) {
      this.maxSkew = maxSkew;
      return this;
    }

    /**
     * Sets the largest body accepted.
     *
     * @param maxBodyBytes the largest body accepted (default 64 KiB)
     * @return this builder
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * Sets how long, and how many, handled pushes are remembered to recognise WeChat's retries and replays.
     *
     * @param window how long a handled push is remembered to recognise retries and replays; at least
     *     twice the skew limit (a captured request stamped ahead of the clock by the skew limit is accepted
     *     until as far behind it), which is also the default
     * @param capacity how many handled pushes are remembered at most (default 100,000; about 150 bytes
     *     each, whatever the push carries)
     * @return this builder
     */
    public Builder dedup(Duration window, long capacity) {
      this.dedupWindow = window;
      this.dedupCapacity = capacity;
      return this;
    }

    /**
     * Shares the recognition of WeChat's retries with other instances: a push this process has not seen is
     * claimed in {@code ledger} (e.g. Redis) before its listener runs, so a retry that reaches another
     * instance than the first delivery is answered {@code success} there without a second call. The memory of
     * this process stays in front of it; the window of {@link #dedup} applies to both.
     *
     * @param ledger the ledger every instance of the application shares
     * @return this builder
     */
    public Builder sharedDedup(PushLedger ledger) {
      this.sharedDedup = Objects.requireNonNull(ledger, "ledger");
      return this;
    }

    /**
     * Sets the service that types a scan's scene.
     *
     * @param qrcodes types a scan's scene, exactly when it issued the ticket (required)
     * @return this builder
     */
    public Builder resolver(QrCodeService qrcodes) {
      this.resolver = qrcodes;
      return this;
    }

    /**
     * Sets the listener that receives each scan.
     *
     * @param listener receives each scan once (required, unless {@link #scanSessions} takes the scans)
     * @return this builder
     */
    public Builder scanListener(ScanListener listener) {
      this.scanListener = listener;
      return this;
    }

    /**
     * Hands the scans of scan sessions' codes to their sessions: each is recorded (the first scan of a
     * session) and its waiters told, on whichever instance the push arrives when the sessions share a store.
     * Scans of other codes still go to the {@link #scanListener}, which is optional once this is set.
     *
     * @param sessions the scan sessions whose scans this handler receives
     * @return this builder
     */
    public Builder scanSessions(ScanSessions sessions) {
      this.scanSessions = Objects.requireNonNull(sessions, "sessions");
      return this;
    }

    /**
     * Sets the listener that receives every other push.
     *
     * @param listener receives each other push once; without one they are just answered {@code success}
     * @return this builder
     */
    public Builder fallbackListener(MessageListener listener) {
      this.fallbackListener = listener;
      return this;
    }

    /**
     * Builds the handler, checking every setting.
     *
     * @return the handler
     * @throws IllegalArgumentException if something required is missing or a limit is out of range
     *     (the message never quotes a secret)
     */
    public WeChatCallbackHandler build() {
      CallbackSecrets.token(token); // required: a builder never given one
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(resolver, "resolver");
      if (scanSessions == null) {
        Objects.requireNonNull(scanListener, "scanListener");
      }
      Objects.requireNonNull(maxSkew, "maxSkew");
      if (maxSkew.toSeconds() < 1) {
        throw new IllegalArgumentException("maxSkew must be at least one second, was " + maxSkew);
      }
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
      }
      Duration clockWindow = maxSkew.multipliedBy(2);
      if (dedupWindow == null) {
        dedupWindow = clockWindow;
      }
      if (dedupWindow.compareTo(clockWindow) < 0) {
        throw new IllegalArgumentException("the de-duplication window (" + dedupWindow
            + ") must cover twice the skew limit (" + clockWindow + "): a request stamped ahead of the clock"
            + " is accepted until as far behind it, so a replay could be delivered twice");
      }
      if (dedupCapacity < 1) {
        throw new IllegalArgumentException("the de-duplication capacity must be positive");
      }
      return new WeChatCallbackHandler(this);
    }
  }
}
