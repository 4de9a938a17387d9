package io.github.wechatqr.spring;

import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.events.WeChatCallbackHandler;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.feign.TokenMode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The accounts the starter serves, as the registry, the callback endpoints, the health contributor and the
 * metrics see them. With {@code accounts.*} it owns what it made for them (the gateways and the Redis
 * connection) and closes them with the context; the one account of {@code app-id} is made of beans, which
 * Spring closes.
 */
final class StarterAccounts implements AutoCloseable {
  private final List<Account> accounts;
  private final boolean several;
  private final List<FeignQrCodeGateway> owned;

  /**
   * @param several whether these are the accounts of {@code accounts.*}, not the one account of {@code app-id}
   * @param owned the gateways to close with the context
   */
  StarterAccounts(List<Account> accounts, boolean several, List<FeignQrCodeGateway> owned) {
    this.accounts = List.copyOf(accounts);
    this.several = several;
    this.owned = List.copyOf(owned);
  }

  List<Account> all() {
    return accounts;
  }

  boolean several() {
    return several;
  }

  /** Closes the gateways made for the accounts, in reverse order. */
  @Override
  public void close() {
    for (int i = owned.size() - 1; i >= 0; i--) {
      owned.get(i).close();
    }
  }

  /**
   * One account.
   *
   * @param name its name: {@link AccountConfig#DEFAULT}, or its key under {@code accounts}
   * @param metricTag the {@code account} tag of its meters: the appid for the one account of {@code app-id},
   *     else the name
   * @param appId its appid
   * @param tokenMode its token mode
   * @param service its service; {@code null} when the application has several {@code QrCodeService} beans of its own
   * @param ownService whether the starter made the service (over its gateway, whose token the state observes)
   * @param tokens the state of the starter's gateway's token; empty when the starter made no gateway
   * @param store its code store, for the metrics
   * @param callback its callback handler, if its endpoint is mounted
   * @param callbackPath the path of its endpoint
   */
  record Account(String name, String metricTag, String appId, TokenMode tokenMode, @Nullable QrCodeService service,
      boolean ownService, Optional<AccessTokenState> tokens, @Nullable QrCodeStore store,
      @Nullable WeChatCallbackHandler callback, String callbackPath) {
    /** Checks presence. */
    Account {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(metricTag, "metricTag");
      Objects.requireNonNull(tokens, "tokens");
    }
  }
}
