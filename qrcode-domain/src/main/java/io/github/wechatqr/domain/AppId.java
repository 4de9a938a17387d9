package io.github.wechatqr.domain;

import java.util.regex.Pattern;

/**
 * The appid of an Official Account: the account a gateway speaks for, and the account every key of a
 * store that serves several accounts carries (see {@link io.github.wechatqr.domain.port.AccountScoped}).
 * WeChat's appids are {@code wx} and 16 hex digits; the rule here is looser on purpose (1..64 characters of
 * {@code A-Z a-z 0-9 _ . -}, the characters a Redis key part may hold unescaped), so test accounts such as
 * {@code wxshop} are valid too. Not a secret.
 *
 * @param value the appid as WeChat shows it
 */
public record AppId(String value) {
  /** The allowed form, in words, as messages name it. */
  public static final String ALLOWED = "1..64 characters of A-Z a-z 0-9 _ . -";
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /** Rejects a missing appid or one outside {@link #ALLOWED}, naming the field {@code appId}. */
  public AppId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new InvalidQrCodeRequest("appId", value == null ? null : "\"" + value + "\"", ALLOWED);
    }
  }

  /**
   * Reads an appid.
   *
   * @param value the appid
   * @return the appid
   * @throws InvalidQrCodeRequest if {@code value} is missing or not of the {@link #ALLOWED} form
   */
  public static AppId of(String value) {
    return new AppId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
