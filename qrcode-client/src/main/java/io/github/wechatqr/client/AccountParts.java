package io.github.wechatqr.client;

import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.port.AccountScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the parts handed to several builders from mixing accounts. A part that serves several accounts
 * ({@link AccountScoped}) is replaced by its view of the builder's account; any other part (a store of the
 * host's own, a token store a factory hands out twice) serves one account only, so it is claimed by the
 * first account that wires it and refused to any other until every instance that claimed it is closed.
 * The claims hold their parts weakly: a part nobody uses any more is forgotten with it.
 */
final class AccountParts {
  /** Who holds a part, and how many built instances of that account use it. */
  private record Claim(@Nullable AppId account, int holders) {}

  // A part's own equals decides what "the same part" is; stores keep identity equality.
  private static final Map<Object, Claim> CLAIMS = new WeakHashMap<>();

  private final @Nullable AppId account;
  private final List<Object> claimed = new ArrayList<>();

  /** @param account the builder's account; {@code null} when no appid was given (a gateway of the host's) */
  AccountParts(@Nullable AppId account) {
    this.account = account;
  }

  /**
   * Returns the part as this account must use it: its view of the account if it serves several, else the
   * part itself, claimed for this account.
   *
   * @throws IllegalStateException naming the option if another account already uses the part
   */
  <P> P scoped(String option, P part, Class<P> port) {
    if (account != null && part instanceof AccountScoped<?> several) {
      return port.cast(several.forAccount(account));
    }
    claim(option, part);
    return part;
  }

  /**
   * Returns a factory as this account must use it: its view of the account if it serves several, else the
   * factory itself, unclaimed, since every store it makes is claimed on its own ({@link #claim}).
   */
  <F> F factory(F factory, Class<F> type) {
    return account != null && factory instanceof AccountScoped<?> several
        ? type.cast(several.forAccount(account)) : factory;
  }

  /**
   * Claims a part of one account for this one.
   *
   * @throws IllegalStateException naming the option if another account already uses the part
   */
  void claim(String option, Object part) {
    synchronized (CLAIMS) {
      Claim held = CLAIMS.get(part);
      if (held != null && !Objects.equals(held.account(), account)) {
        throw new IllegalStateException(option + " is already used by " + name(held.account()) + " and serves "
            + "one account only, so " + name(account) + " cannot share it (the codes, images, locks or tokens of "
            + "the two would mix): give each account its own, or one that serves several (AccountScoped)");
      }
      CLAIMS.put(part, new Claim(account, held == null ? 1 : held.holders() + 1));
      claimed.add(part);
    }
  }

  /** Gives back this instance's claims; idempotent. */
  void release() {
    synchronized (CLAIMS) {
      for (Object part : claimed) {
        Claim held = CLAIMS.get(part);
        if (held != null) {
          if (held.holders() <= 1) {
            CLAIMS.remove(part);
          } else {
            CLAIMS.put(part, new Claim(held.account(), held.holders() - 1));
          }
        }
      }
      claimed.clear();
    }
  }

  private static String name(@Nullable AppId account) {
    return account == null ? "a builder without appId" : "account " + account;
  }
}
