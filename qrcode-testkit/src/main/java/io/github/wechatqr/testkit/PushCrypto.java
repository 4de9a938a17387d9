package io.github.wechatqr.testkit;

import io.github.wechatqr.domain.CallbackSignature;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sending side of WeChat's callback crypto, as the fake server uses it to push scans in safe mode:
 * signatures (the domain's {@link CallbackSignature}), and AES-256-CBC encryption with the EncodingAESKey (IV = first 16 key bytes, PKCS#7 padding
 * to 32-byte blocks, plaintext = 16 random bytes + 4-byte big-endian length + XML + appid). Decryption is
 * the receiving adapter's job; keeping the two apart makes every round trip a check of one against the other.
 *
 * <pre>{@code
 * PushCrypto crypto = new PushCrypto(encodingAesKey);
 * String encrypt = crypto.encrypt(xml, appId);
 * String msgSignature = PushCrypto.signature(token, timestamp, nonce, encrypt);
 * }</pre>
 */
public final class PushCrypto {
  private static final int BLOCK = 32;
  private final SecretKeySpec key;
  private final IvParameterSpec iv;
  private final SecureRandom random = new SecureRandom();

  /**
   * Creates the cipher of one account's callback settings.
   *
   * @param encodingAesKey the 43-character EncodingAESKey of the account's callback settings
   */
  public PushCrypto(String encodingAesKey) {
    if (encodingAesKey == null || encodingAesKey.length() != 43) {
      throw new IllegalArgumentException("an EncodingAESKey has 43 characters");
    }
    byte[] raw = Base64.getDecoder().decode(encodingAesKey + "=");
    this.key = new SecretKeySpec(raw, "AES");
    this.iv = new IvParameterSpec(Arrays.copyOfRange(raw, 0, 16));
  }

  /**
   * Encrypts a message as WeChat does for a push, with a random prefix.
   *
   * @param xml the message
   * @param appId the appid WeChat appends after the message
   * @return the base64 {@code Encrypt} value
   */
  public String encrypt(String xml, String appId) {
    byte[] prefix = new byte[16];
    random.nextBytes(prefix);
    return encrypt(xml, appId, prefix);
  }

  /**
   * Encrypts a message as WeChat does for a push, with a given prefix.
   *
   * @param xml the message
   * @param appId the appid appended after the message
   * @param randomPrefix the 16 bytes WeChat puts first (fixed here to reproduce published vectors)
   * @return the base64 {@code Encrypt} value
   */
  public String encrypt(String xml, String appId, byte[] randomPrefix) {
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    plain.writeBytes(randomPrefix);
    plain.writeBytes(ByteBuffer.allocate(4).putInt(body.length).array());
    plain.writeBytes(body);
    plain.writeBytes(appId.getBytes(StandardCharsets.UTF_8));
    int pad = BLOCK - plain.size() % BLOCK;
    for (int i = 0; i < pad; i++) {
      plain.write(pad);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, iv);
      return Base64.getEncoder().encodeToString(cipher.doFinal(plain.toByteArray()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-CBC is part of every JDK", e);
    }
  }

  /**
   * Signs a push as WeChat does, by the one rule the receiving adapter checks too
   * ({@link CallbackSignature}, proven there against published vectors).
   *
   * @param parts token, timestamp, nonce and, for {@code msg_signature}, the Encrypt value
   * @return SHA-1 of the parts sorted and joined, in lower-case hex
   */
  public static String signature(String... parts) {
    return CallbackSignature.of(parts);
  }
}
