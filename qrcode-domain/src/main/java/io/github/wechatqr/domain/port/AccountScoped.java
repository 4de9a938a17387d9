package io.github.wechatqr.domain.port;

import io.github.wechatqr.domain.AppId;

/**
 * A store (or lock, or token-store factory) that can serve several accounts, each through a view of its
 * own: one cache, one memory budget or one Redis underneath, and the account in every key, so two accounts
 * never see each other's codes, images, locks or tokens, even for the same scene or ticket. The ports carry
 * no account; the view does.
 *
 * <pre>{@code
 * CaffeineQrCodeStore shared = new CaffeineQrCodeStore(runtime, 100_000);
 * QrCodeStore shopA = shared.forAccount(AppId.of("wx1111111111111111"));
 * QrCodeStore shopB = shared.forAccount(AppId.of("wx2222222222222222"));
 * }</pre>
 *
 * <p>{@code WeChatQrCodes.builder()} scopes every part that implements this interface to its own appid, and
 * refuses to hand a part that does not to a second account.
 *
 * @param <T> the port the views implement
 */
public interface AccountScoped<T> {

  /**
   * Returns the view of one account. Views of equal accounts share their entries; views of different
   * accounts, and the object this is called on if it is itself a port, share none. Calling it on a view
   * returns the view of {@code account} of the same underlying store.
   *
   * @param account the account
   * @return the account's view
   */
  T forAccount(AppId account);
}
