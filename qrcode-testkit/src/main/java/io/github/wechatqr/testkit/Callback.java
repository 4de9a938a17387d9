package io.github.wechatqr.testkit;

import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where and how {@link FakeWeChatServer} pushes scan events: the account's callback URL, its token, and
 * the message mode chosen in the account settings.
 *
 * <pre>{@code
 * fake.callback(Callback.safe(URI.create("http://127.0.0.1:" + port + "/wechat"), "token", aesKey));
 * }</pre>
 *
 * @param url the callback URL
 * @param token the callback token, used for {@code signature} and {@code msg_signature}
 * @param mode plain, compatible or safe
 * @param encodingAesKey the 43-character EncodingAESKey; {@code null} in plain mode
 */
public record Callback(URI url, String token, Mode mode, @Nullable String encodingAesKey) {

  /** The message encryption mode of the account's callback settings. */
  public enum Mode {
    /** 明文模式: plain XML, {@code signature} only. */
    PLAIN,
    /** 兼容模式: plain fields and an {@code Encrypt} element in the same XML. */
    COMPATIBLE,
    /** 安全模式: only {@code ToUserName} and {@code Encrypt}; {@code encrypt_type=aes}, {@code msg_signature}. */
    SAFE
  }

  /** Checks that an encrypting mode has its key. */
  public Callback {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(mode, "mode");
    if (mode != Mode.PLAIN && encodingAesKey == null) {
      throw new IllegalArgumentException(mode + " mode needs an EncodingAESKey");
    }
  }

  /**
   * Describes a callback in plain mode.
   *
   * @param url the callback URL
   * @param token the callback token
   * @return plain mode
   */
  public static Callback plain(URI url, String token) {
    return new Callback(url, token, Mode.PLAIN, null);
  }

  /**
   * Describes a callback in compatible mode.
   *
   * @param url the callback URL
   * @param token the callback token
   * @param encodingAesKey the EncodingAESKey
   * @return compatible mode
   */
  public static Callback compatible(URI url, String token, String encodingAesKey) {
    return new Callback(url, token, Mode.COMPATIBLE, encodingAesKey);
  }

  /**
   * Describes a callback in safe mode.
   *
   * @param url the callback URL
   * @param token the callback token
   * @param encodingAesKey the EncodingAESKey
   * @return safe mode
   */
  public static Callback safe(URI url, String token, String encodingAesKey) {
    return new Callback(url, token, Mode.SAFE, encodingAesKey);
  }

  @Override
  public String toString() {
    return "Callback[" + url + ", " + mode + ", token=<redacted>, encodingAesKey=<redacted>]";
  }
}
