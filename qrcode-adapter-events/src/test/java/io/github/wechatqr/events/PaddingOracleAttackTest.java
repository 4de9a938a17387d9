package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.PushCrypto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, point 2: someone holds the callback Token (brute-forced offline from a logged signed URL, say)
 * but not the EncodingAESKey, and has captured one safe-mode push. Signing is no obstacle to them, so each
 * of their ciphertexts reaches decryption. They run the classic CBC padding-oracle attack
 * ({@link CbcPaddingOracleAttack}): decrypt one block of the captured push, then forge a whole encrypted scan
 * push block by block (CBC-R). The attack assumes nothing about the answers: it only needs two of them to
 * differ. Against a receiver whose refusals after the signature check all look the same, it learns nothing
 * in its first 256 probes and gives up; nothing forged reaches a listener.
 *
 * <p>Requests go through {@link WeChatCallbackHandler#handle} directly, for speed; the same answers over
 * HTTP are checked in {@link UniformRefusalTest}. The budget bounds the attack on a receiver that leaks
 * (where it needs about 2,000 requests per block); against one that does not, it ends after about 500.
 */
class PaddingOracleAttackTest {
  private static final int BUDGET = 40_000;
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final Recorder recorder = new Recorder();
  private final WeChatCallbackHandler safe = WeChatCallbackHandler.builder().token(SignedRequest.TOKEN)
      .encodingAesKey(SignedRequest.AES_KEY, SignedRequest.APP_ID).clock(clock)
      .resolver(new QrCodeService(new InMemoryQrCodeGateway(clock), new InMemoryQrCodeStore(clock), clock))
      .scanListener(recorder).fallbackListener(recorder).build();
  private final long now = clock.instant().getEpochSecond();
  /** What the attacker captured: a victim's scan, safe mode, and its signed URL. */
  private final String victimXml = SignedRequest.scanXml("SCAN", "42", "gQH_ticket_of_the_victim", now,
      "o_victim_openid_0123456789ab");
  private final SignedRequest captured = SignedRequest.safe(clock, victimXml);
  private final byte[] capturedCipherText = Base64.getDecoder().decode(encryptOf(captured));

  private static String encryptOf(SignedRequest request) {
    String body = new String(request.body(), StandardCharsets.UTF_8);
    return body.substring(body.indexOf("<Encrypt><![CDATA[") + 18, body.indexOf("]]></Encrypt>"));
  }

  /** The attacker's oracle: any ciphertext, signed with the Token on the captured URL's timestamp and nonce. */
  private CallbackResponse post(byte[] cipherText) {
    String encrypt = Base64.getEncoder().encodeToString(cipherText);
    Map<String, String> query = new HashMap<>(captured.query());
    query.put("msg_signature", PushCrypto.signature(SignedRequest.TOKEN, query.get("timestamp"),
        query.get("nonce"), encrypt));
    String body = "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><Encrypt><![CDATA[" + encrypt
        + "]]></Encrypt></xml>";
    return safe.handle("POST", query, body.getBytes(StandardCharsets.UTF_8));
  }

  /** The plaintext of a whole scan push the attacker wants delivered, blocks 1..n (block 0 is the random prefix). */
  private static byte[] forgedPlaintext() {
    byte[] xml = ("<xml><ToUserName>gh_test</ToUserName><FromUserName>o_forged</FromUserName><CreateTime>"
        + 1767225600 + "</CreateTime><MsgType>event</MsgType><Event>SCAN</Event><EventKey>7</EventKey></xml>")
        .getBytes(StandardCharsets.UTF_8);
    byte[] appId = SignedRequest.APP_ID.getBytes(StandardCharsets.UTF_8);
    int unpadded = 16 + 4 + xml.length + appId.length;
    int pad = 32 - unpadded % 32;
    ByteBuffer plain = ByteBuffer.allocate(unpadded + pad - 16);
    plain.putInt(xml.length).put(xml).put(appId);
    for (int i = 0; i < pad; i++) {
      plain.put((byte) pad);
    }
    return plain.array();
  }

  @Test
  void a_token_holder_without_the_aes_key_neither_decrypts_a_block_nor_gets_a_forged_push_delivered()
      throws IOException {
    CbcPaddingOracleAttack attack = new CbcPaddingOracleAttack(this::post, BUDGET);
    // The block holding most of the victim's openid: bytes 64..79 of the plaintext.
    int index = 4;
    byte[] realBlock = Arrays.copyOfRange(new PushCryptoReferee().plaintext(capturedCipherText), index * 16,
        (index + 1) * 16);

    Optional<byte[]> learned = attack.decryptBlock(capturedCipherText, index);
    int afterDecryption = attack.requests();
    Optional<byte[]> forged = attack.forge(forgedPlaintext(), Arrays.copyOfRange(capturedCipherText, 0, 16));
    // Whatever the attack could build is sent; a random ciphertext if nothing.
    byte[] random = new byte[64];
    new java.util.Random(17).nextBytes(random);
    CallbackResponse forgedAnswer = post(forged.orElse(random));

    System.out.printf("padding-oracle attack: block %s after %d requests; forgery %s after %d requests in all;"
            + " %d distinct answers; forged push answered %s; scans delivered from %s%n",
        learned.map(b -> Arrays.equals(b, realBlock) ? "decrypted" : "wrong").orElse("not learned"),
        afterDecryption, forged.isPresent() ? "built" : "not built", attack.requests(), attack.answers().size(),
        forgedAnswer, recorder.scans.stream().map(scan -> scan.event().openId()).toList());
    assertThat(learned).as("the block the attack learned").isEmpty();
    assertThat(forged).as("the forged ciphertext").isEmpty();
    assertThat(attack.answers()).as("distinct answers to the attack").hasSize(1);
    assertThat(recorder.calls).as("listener calls").hasValue(0);
    assertThat(attack.requests()).isLessThanOrEqualTo(5_000);
    // The attack shows: every request counted, all but the first from the one signed URL it reuses, and
    // the log has a WARN line of it, but no more than the rate limit lets through (one per 10 s).
    assertThat(safe.refusalsAfterSignature()).isEqualTo(attack.requests() + 1L);
    assertThat(safe.repeatedRefusals()).isEqualTo(attack.requests());
    List<String> warnings = Files.readAllLines(Path.of(System.getProperty("org.slf4j.simpleLogger.logFile")),
        StandardCharsets.UTF_8).stream()
        .filter(line -> line.contains(" WARN ") && line.contains("nonce " + captured.query().get("nonce") + ","))
        .toList();
    assertThat(warnings).hasSizeBetween(1, 2)
        .allSatisfy(line -> assertThat(line).contains("refused a push whose signature checked out"));
  }

  @Test
  void the_referee_reads_the_captured_push() {
    // The test's own view of the plaintext, to judge the attack: the XML of the captured push at offset 20.
    byte[] plain = new PushCryptoReferee().plaintext(capturedCipherText);
    assertThat(new String(plain, 20, victimXml.length(), StandardCharsets.UTF_8)).isEqualTo(victimXml);
  }

  /** The test's own decryption (it knows the key), to judge what the attack learned. */
  private static final class PushCryptoReferee {
    byte[] plaintext(byte[] cipherText) {
      try {
        byte[] key = Base64.getDecoder().decode(SignedRequest.AES_KEY + "=");
        javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
            new javax.crypto.spec.IvParameterSpec(Arrays.copyOf(key, 16)));
        return aes.doFinal(cipherText);
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
