package io.github.wechatqr.events;

import io.github.wechatqr.domain.InvalidCallback;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiving side of WeChat's safe-mode crypto, and the only place in the library that decrypts:
 * AES-256-CBC with key = base64(EncodingAESKey + "="), IV = the key's first 16 bytes, no cipher padding;
 * the plaintext is 16 random bytes, a 4-byte big-endian length, the XML, the appid, then PKCS#7 padding
 * to <em>32-byte</em> blocks (pad values 1..32), checked strictly.
 */
final class MessageCipher {
  static final int KEY_LENGTH = 43;
  private static final int BLOCK = 32;
  private static final int HEADER = 20;

  private final SecretKeySpec key;
  private final IvParameterSpec iv;
  private final byte[] appId;

  /**
   * @param encodingAesKey the 43-character EncodingAESKey; never echoed in an error
   * @param appId the appid every message must end with
   */
  MessageCipher(String encodingAesKey, String appId) {
    byte[] raw = decodeKey(encodingAesKey);
    if (appId == null || appId.isBlank()) {
      throw new IllegalArgumentException("safe mode needs the account's appid");
    }
    this.key = new SecretKeySpec(raw, "AES");
    this.iv = new IvParameterSpec(Arrays.copyOfRange(raw, 0, 16));
    this.appId = appId.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] decodeKey(String encodingAesKey) {
    Objects.requireNonNull(encodingAesKey, "encodingAesKey");
    if (encodingAesKey.length() != KEY_LENGTH) {
      throw new IllegalArgumentException("an EncodingAESKey has exactly 43 characters");
    }
    try {
      return Base64.getDecoder().decode(encodingAesKey + "=");
    } catch (IllegalArgumentException e) {
      // No cause: its message quotes a character of the key.
      throw new IllegalArgumentException("an EncodingAESKey is made of base64 characters only");
    }
  }

  /**
   * @param encrypt the base64 {@code Encrypt} value
   * @return the XML bytes of the message
   * @throws InvalidCallback if it is not base64, not whole blocks, badly padded, malformed inside, or
   *     carries another appid
   */
  byte[] decrypt(String encrypt) {
    byte[] plain = decryptBlocks(encrypt);
    int end = plain.length - padding(plain);
    if (end < HEADER) {
      throw new InvalidCallback("cannot decrypt: the message is too short");
    }
    int length = ByteBuffer.wrap(plain, 16, 4).getInt();
    if (length < 0 || length > end - HEADER) {
      throw new InvalidCallback("cannot decrypt: the message length does not fit");
    }
    byte[] foundAppId = Arrays.copyOfRange(plain, HEADER + length, end);
    if (!MessageDigest.isEqual(foundAppId, appId)) {
      throw new InvalidCallback("the ciphertext was made for another appid");
    }
    return Arrays.copyOfRange(plain, HEADER, HEADER + length);
  }

  private byte[] decryptBlocks(String encrypt) {
    byte[] cipherText;
    try {
      cipherText = Base64.getDecoder().decode(encrypt);
    } catch (IllegalArgumentException e) {
      throw new InvalidCallback("cannot decrypt: Encrypt is not base64");
    }
    if (cipherText.length == 0 || cipherText.length % BLOCK != 0) {
      throw new InvalidCallback("cannot decrypt: Encrypt is not a whole number of 32-byte blocks");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, iv);
      return cipher.doFinal(cipherText);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-CBC is part of every JDK");
    }
  }

  /** PKCS#7 to 32-byte blocks: the last byte n in 1..32, and the last n bytes all equal n. */
  private static int padding(byte[] plain) {
    int pad = plain[plain.length - 1] & 0xff;
    if (pad < 1 || pad > BLOCK) {
      throw new InvalidCallback("cannot decrypt: bad padding");
    }
    for (int i = plain.length - pad; i < plain.length; i++) {
      if ((plain[i] & 0xff) != pad) {
        throw new InvalidCallback("cannot decrypt: bad padding");
      }
    }
    return pad;
  }
}
