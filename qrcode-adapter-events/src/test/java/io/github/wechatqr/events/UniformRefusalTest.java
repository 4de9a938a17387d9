package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.PushCrypto;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, point 2: once the signature checked out, whatever is wrong with a push — its padding, its
 * length field, its appid, its XML, a field — it gets one and the same answer, over HTTP too, in about the
 * same time; the refusals are counted (in all, and from signed URLs refused before) and logged at WARN no
 * more than once per interval. Ciphertexts are made by the testkit's {@link PushCrypto} and broken by CBC's
 * malleability, never by the code under test.
 */
class UniformRefusalTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final Recorder recorder = new Recorder();
  private final WeChatCallbackHandler safe = WeChatCallbackHandler.builder().token(SignedRequest.TOKEN)
      .encodingAesKey(SignedRequest.AES_KEY, SignedRequest.APP_ID).clock(clock)
      .resolver(new QrCodeService(new InMemoryQrCodeGateway(clock), new InMemoryQrCodeStore(clock), clock))
      .scanListener(recorder).fallbackListener(recorder).build();
  private final long now = clock.instant().getEpochSecond();
  private final String scan = SignedRequest.scanXml("SCAN", "42", "gQH_ticket", now, "o_user_0123456789abcdefghij");

  private static String encrypt(String xml, String appId) {
    return new PushCrypto(SignedRequest.AES_KEY).encrypt(xml, appId);
  }

  private static String encode(byte[] cipherText) {
    return Base64.getEncoder().encodeToString(cipherText);
  }

  /** Changes plaintext byte {@code index} (at least 16) by {@code delta}, through the ciphertext 16 bytes before it. */
  private static String flip(String encrypt, int index, int delta) {
    byte[] cipherText = Base64.getDecoder().decode(encrypt);
    cipherText[(index < 0 ? cipherText.length + index : index) - 16] ^= (byte) delta;
    return encode(cipherText);
  }

  /** One ciphertext per way a message can be wrong, all about the length of a real scan push. */
  private Map<String, String> brokenCiphertexts() {
    String valid = encrypt(scan, SignedRequest.APP_ID);
    Map<String, String> broken = new LinkedHashMap<>();
    broken.put("bad padding", flip(valid, -1, 0x7f));
    broken.put("padding bytes disagree", flip(valid, -2, 0x01));
    broken.put("length field too large", flip(valid, 16, 0x40));
    broken.put("negative length field", flip(valid, 16, 0x80));
    broken.put("another appid", encrypt(scan, "wxfake0000000002"));
    broken.put("malformed XML", encrypt(scan.replace("</xml>", "</xmk>"), SignedRequest.APP_ID));
    broken.put("a field missing", encrypt(scan.replace("ToUserName", "ToUserNamx"), SignedRequest.APP_ID));
    broken.put("a field too long", encrypt(scan.replace("o_user_", "o".repeat(60)), SignedRequest.APP_ID));
    broken.put("DOCTYPE", encrypt("<!DOCTYPE xml []>" + scan, SignedRequest.APP_ID));
    broken.put("SCAN without EventKey", encrypt(scan.replace("[42]", "[]"), SignedRequest.APP_ID));
    broken.put("no valid scene", encrypt(scan.replace("[42]", "[" + "x".repeat(65) + "]"), SignedRequest.APP_ID));
    broken.put("not base64", "not*base64*" + valid.substring(11));
    broken.put("not whole blocks", encode(Arrays.copyOf(Base64.getDecoder().decode(valid), 48)));
    return broken;
  }

  @Test
  void every_refusal_after_the_signature_is_one_answer_through_the_handler_and_over_http() throws Exception {
    Map<String, String> broken = brokenCiphertexts();
    Map<String, CallbackResponse> direct = new LinkedHashMap<>();
    Map<String, String> overHttp = new LinkedHashMap<>();
    try (CallbackServer server = CallbackServer.start(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/wechat", safe, 2)) {
      broken.forEach((kind, encrypt) -> {
        direct.put(kind, SignedRequest.safeEncrypt(clock, encrypt).postTo(safe));
        SignedRequest push = SignedRequest.safeEncrypt(clock, encrypt);
        try {
          RawHttp.Answer answer = RawHttp.exchange(server.url(),
              RawHttp.request("POST", "/wechat?" + RawHttp.query(push.query()), push.body()));
          // Everything but the Date header, which tells the second, not the refusal.
          overHttp.put(kind, answer.status() + " " + answer.head().replaceAll("(?im)^date:.*\r\n", "") + answer.body());
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
    System.out.printf("refusals after the signature: %s; over HTTP: %s%n", new LinkedHashSet<>(direct.values()),
        new LinkedHashSet<>(overHttp.values()));
    assertThat(new LinkedHashSet<>(direct.values())).as("answers by kind: %s", direct)
        .containsExactly(Refusals.REFUSED);
    assertThat(new LinkedHashSet<>(overHttp.values())).as("HTTP answers by kind: %s", overHttp).hasSize(1);
    assertThat(overHttp.values().iterator().next()).startsWith("400 HTTP/1.1 400").endsWith(Refusals.REFUSED.body());
    assertThat(recorder.calls).hasValue(0);
    assertThat(safe.refusalsAfterSignature()).isEqualTo(2L * broken.size());
    assertThat(safe.repeatedRefusals()).as("every request had a signed URL of its own").isZero();
  }

  /**
   * The attack's first step, timed: a probe whose padding checks out against probes whose padding does
   * not, and a refusal for each way a whole message can be wrong, interleaved, medians compared. Before
   * the fix, answers differed; the times must not either, beyond noise (a quarter of the median here).
   */
  @Test
  void refusals_take_the_same_time_whatever_was_wrong() throws GeneralSecurityException {
    String valid = encrypt(scan, SignedRequest.APP_ID);
    byte[] cipherText = Base64.getDecoder().decode(valid);
    byte[] block = Arrays.copyOfRange(cipherText, 64, 80);
    Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
    ecb.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(SignedRequest.AES_KEY + "="), "AES"));
    byte[] intermediate = ecb.doFinal(block);
    byte[] goodPadding = new byte[32];
    goodPadding[15] = (byte) (intermediate[15] ^ 1); // the last byte decrypts to 1: a padding that checks out
    System.arraycopy(block, 0, goodPadding, 16, 16);
    byte[] badPadding = goodPadding.clone();
    badPadding[15] ^= 0x40; // decrypts to 0x41: no padding

    Map<String, String> kinds = new LinkedHashMap<>();
    kinds.put("probe, padding checks out", encode(goodPadding));
    kinds.put("probe, bad padding", encode(badPadding));
    Map<String, String> broken = brokenCiphertexts();
    for (String kind : List.of("bad padding", "length field too large", "another appid", "a field missing",
        "a field too long")) {
      kinds.put(kind, broken.get(kind));
    }
    Map<String, SignedRequest> requests = new LinkedHashMap<>();
    kinds.forEach((kind, encrypt) -> requests.put(kind, SignedRequest.safeEncrypt(clock, encrypt)));
    Map<String, long[]> times = new LinkedHashMap<>();
    Set<CallbackResponse> answers = new LinkedHashSet<>();
    int rounds = 1_500;
    int warmUp = 500;
    requests.keySet().forEach(kind -> times.put(kind, new long[rounds]));
    for (int round = -warmUp; round < rounds; round++) {
      for (Map.Entry<String, SignedRequest> request : requests.entrySet()) {
        long start = System.nanoTime();
        CallbackResponse answer = request.getValue().postTo(safe);
        long took = System.nanoTime() - start;
        if (round >= 0) {
          times.get(request.getKey())[round] = took;
          answers.add(answer);
        }
      }
    }
    Map<String, Long> medians = new LinkedHashMap<>();
    times.forEach((kind, samples) -> medians.put(kind, median(samples) / 1_000));
    System.out.printf("median refusal times, us: %s%n", medians);
    assertThat(answers).containsExactly(Refusals.REFUSED);
    long probeGood = medians.get("probe, padding checks out");
    long probeBad = medians.get("probe, bad padding");
    assertThat(Math.abs(probeGood - probeBad)).as("padding oracle by timing, us (%s)", medians)
        .isLessThanOrEqualTo(Math.max(5, Math.min(probeGood, probeBad) / 4));
    List<Long> whole = new ArrayList<>(medians.values()).subList(2, medians.size());
    long fastest = whole.stream().min(Long::compare).orElseThrow();
    long slowest = whole.stream().max(Long::compare).orElseThrow();
    assertThat(slowest - fastest).as("spread of whole-message refusals, us (%s)", medians)
        .isLessThanOrEqualTo(Math.max(5, fastest / 4));
  }

  private static long median(long[] samples) {
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  @Test
  void refusals_from_one_signed_url_tried_again_and_again_are_counted_as_repeated() {
    SignedRequest captured = SignedRequest.safe(clock, scan);
    for (int i = 0; i < 5; i++) {
      String encrypt = encrypt(scan, "wxsomeone0000000");
      Map<String, String> query = new HashMap<>(captured.query());
      query.put("msg_signature", PushCrypto.signature(SignedRequest.TOKEN, query.get("timestamp"),
          query.get("nonce"), encrypt));
      String body = "<xml><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>";
      assertThat(safe.handle("POST", query, body.getBytes(StandardCharsets.UTF_8))).isEqualTo(Refusals.REFUSED);
    }
    assertThat(safe.refusalsAfterSignature()).isEqualTo(5);
    assertThat(safe.repeatedRefusals()).isEqualTo(4);
    // A refused signed URL is remembered as long as its timestamp can be accepted, and then forgotten.
    clock.advance(java.time.Duration.ofMinutes(11));
    String encrypt = encrypt(scan, "wxsomeone0000000");
    SignedRequest late = SignedRequest.safeEncrypt(clock, encrypt);
    assertThat(late.postTo(safe)).isEqualTo(Refusals.REFUSED);
    assertThat(safe.repeatedRefusals()).isEqualTo(4);
  }
}
