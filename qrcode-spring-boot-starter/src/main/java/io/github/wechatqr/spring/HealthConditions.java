package io.github.wechatqr.spring;

import io.github.wechatqr.feign.FeignQrCodeGateway;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Conditional;

/** When the health contributor has something to report, on either Boot line. */
final class HealthConditions {
  private HealthConditions() {}

  /**
   * Several accounts (each records its token's state), or the starter's own gateway for the one account of
   * {@code app-id} (only it records the token's state).
   */
  static final class TokenObserved extends AnyNestedCondition {
    TokenObserved() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnBean(FeignQrCodeGateway.class)
    interface StartersGateway {}

    @Conditional(AccountsCondition.Several.class)
    interface SeveralAccounts {}
  }
}
