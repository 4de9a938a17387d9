package io.github.wechatqr.domain.token;

import io.github.wechatqr.domain.AccessToken;

/**
 * Where a store keeps its token: the one part that differs between stores. {@link TokenKeeper} keeps
 * every rule above it, so a slot only stores, renews exclusively and records rejections.
 *
 * <pre>{@code
 * AccessTokenStore store = new TokenKeeper(mySlot, fetcher, clock, TokenPolicy.defaults(), TokenEvents.NONE);
 * }</pre>
 */
public interface TokenSlot {

  /** Returns the token held now, usable or not, or {@code null} if none. */
  AccessToken current();

  /**
   * Renews the token: calls {@code renewal} at most once at a time across everything that shares this slot
   * (the keeper already serialises the callers of one process; a slot shared between processes adds its
   * own lock), and keeps the token it returns. Under that exclusion, a slot first reads its token again and
   * returns it without a fetch if {@link Renewal#needed} says it will do (another process renewed it).
   *
   * @param renewal whether a renewal is still needed, and the fetch
   * @return the token now held
   */
  AccessToken renew(Renewal renewal);

  /**
   * If {@code stale} (compared by value) is the token held, drops it and records the rejection, so that the
   * next renewal fetches with {@link RefreshReason#REJECTED}; a successful renewal clears the record.
   *
   * @param stale the token WeChat rejected
   * @return whether {@code stale} was held
   */
  boolean reject(AccessToken stale);

  /** What the keeper asks of one renewal. */
  interface Renewal {
    /**
     * Tells whether a new token is still needed once the slot holds its exclusion.
     *
     * @param current the token held when the slot gained its exclusion, or {@code null}
     * @return whether a new token is still needed
     */
    boolean needed(AccessToken current);

    /**
     * Fetches a new token into the slot.
     *
     * @param reason {@link RefreshReason#REJECTED} if a rejection is on record, else {@link RefreshReason#DUE}
     * @return the new token, checked to be usable
     */
    AccessToken fetch(RefreshReason reason);
  }
}
