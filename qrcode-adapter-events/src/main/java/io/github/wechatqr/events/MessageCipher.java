package io.github.wechatqr.events;

import io.github.wechatqr.domain.InvalidCallback;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiving side of WeChat's safe-mode crypto, and the only place in the library that decrypts:
 * AES-256-CBC with key = base64(EncodingAESKey + "="), IV = the key's first 16 bytes, no cipher padding;
 * the plaintext is 16 random bytes, a 4-byte big-endian length, the XML, the appid, then PKCS#7 padding
 * to <em>32-byte</em> blocks (pad values 1..32), checked strictly and in constant time ({@link #open}).
 */
final class MessageCipher {
  private static final int BLOCK = 32;
  private static final int HEADER = 20;
  private static final byte[] NOTHING = new byte[0];

  private final SecretKeySpec key;
  private final IvParameterSpec iv;
  private final byte[] appId;

  /**
   * @param encodingAesKey the 43-character EncodingAESKey; never echoed in an error
   * @param appId the appid every message must end with
   */
  MessageCipher(String encodingAesKey, String appId) {
    byte[] raw = decodeKey(encodingAesKey);
    CallbackSecrets.appId(appId);
    this.key = new SecretKeySpec(raw, "AES");
    this.iv = new IvParameterSpec(Arrays.copyOfRange(raw, 0, 16));
    this.appId = appId.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] decodeKey(String encodingAesKey) {
    return Base64.getDecoder().decode(CallbackSecrets.encodingAesKey(encodingAesKey) + "=");
  }

  /**
   * @param encrypt the base64 {@code Encrypt} value
   * @return the XML bytes of the message
   * @throws InvalidCallback if it is not base64, not whole blocks, badly padded, malformed inside, or
   *     carries another appid
   */
  byte[] decrypt(String encrypt) {
    Opened opened = open(encrypt);
    if (opened.failure() != null) {
      throw new InvalidCallback(opened.failure());
    }
    return opened.xml();
  }

  /**
   * What decrypting a message gave.
   *
   * @param xml the message's XML when it checked out; otherwise whatever stood where the XML would be
   *     (at most the whole plaintext), so the caller can do the same work on it either way
   * @param failure why the message does not check out; {@code null} if it does
   */
  record Opened(byte[] xml, String failure) {}

  /**
   * Decrypts and checks padding, length and appid without an early exit and without a branch on the
   * plaintext: whatever is wrong with a message, the same work is done and one failure comes out at the
   * end, so neither the answer nor the time taken tells a holder of the Token which check failed (a
   * padding oracle). Only what the sender knows anyway (not base64, not whole blocks) fails at once.
   *
   * @param encrypt the base64 {@code Encrypt} value
   * @return the XML, or the failure
   */
  Opened open(String encrypt) {
    byte[] cipherText;
    try {
      cipherText = Base64.getDecoder().decode(encrypt);
    } catch (IllegalArgumentException e) {
      return new Opened(NOTHING, "cannot decrypt: Encrypt is not base64");
    }
    if (cipherText.length == 0 || cipherText.length % BLOCK != 0) {
      return new Opened(NOTHING, "cannot decrypt: Encrypt is not a whole number of 32-byte blocks");
    }
    byte[] plain = decryptBlocks(cipherText);
    int n = plain.length;
    // PKCS#7 to 32-byte blocks: the last byte p in 1..32, and the last p bytes all equal p.
    int pad = plain[n - 1] & 0xff;
    int badPad = negative(pad - 1) | negative(BLOCK - pad);
    int padDiff = 0;
    for (int i = 1; i <= BLOCK; i++) {
      int inPad = negative(pad - i) ^ 1; // 1 while i <= pad
      padDiff |= ((plain[n - i] & 0xff) ^ pad) & -inPad;
    }
    badPad |= nonZero(padDiff);
    int end = n - (pad ^ ((pad ^ 1) & -badPad)); // with a bad padding, as if it were 1
    int tooShort = negative(end - HEADER);
    int length = ByteBuffer.wrap(plain, 16, 4).getInt();
    long room = (long) end - HEADER - length; // what is left for the appid; long, so it cannot wrap
    int badLength = negative(length) | (int) (room >>> 63);
    // The appid fills the rest, from HEADER + length to end: so many bytes, and those bytes.
    int appIdDiff = nonZero((int) (room ^ appId.length)) | nonZero((int) ((room ^ appId.length) >>> 32));
    int from = Math.max(0, end - appId.length);
    for (int i = 0; i < appId.length; i++) {
      appIdDiff |= (plain[Math.min(from + i, n - 1)] ^ appId[i]) & 0xff;
    }
    int badAppId = nonZero(appIdDiff);
    int xmlLength = Math.max(0, Math.min(length, n - HEADER));
    byte[] xml = Arrays.copyOfRange(plain, HEADER, HEADER + xmlLength);
    Arrays.fill(plain, (byte) 0);
    String failure = badPad != 0 ? "cannot decrypt: bad padding"
        : tooShort != 0 ? "cannot decrypt: the message is too short"
        : badLength != 0 ? "cannot decrypt: the message length does not fit"
        : badAppId != 0 ? "the ciphertext was made for another appid"
        : null;
    return new Opened(xml, failure);
  }

  /** @return 1 if {@code value} is negative, else 0 */
  private static int negative(int value) {
    return value >>> 31;
  }

  /** @return 1 if {@code value} is not zero, else 0 */
  private static int nonZero(int value) {
    return (value | -value) >>> 31;
  }

  private byte[] decryptBlocks(byte[] cipherText) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, iv);
      return cipher.doFinal(cipherText);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-CBC is part of every JDK");
    }
  }
}
