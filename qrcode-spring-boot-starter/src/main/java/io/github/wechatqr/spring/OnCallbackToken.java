package io.github.wechatqr.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code wechat.qrcode.callback.token} is set, whatever its value. Unlike
 * {@code @ConditionalOnProperty}, which resolves placeholders strictly, it reads the property as binding does:
 * a {@code ${WECHAT_CALLBACK_TOKEN}} that nothing resolves stays set, so the start-up check reports it under
 * the property's name instead of Spring quoting the placeholder while it evaluates a condition.
 */
final class OnCallbackToken extends SpringBootCondition {
  static final String PROPERTY = WeChatQrCodeProperties.PREFIX + ".callback.token";

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return Binder.get(context.getEnvironment()).bind(PROPERTY, String.class).isBound()
        ? ConditionOutcome.match(PROPERTY + " is set") : ConditionOutcome.noMatch(PROPERTY + " is not set");
  }
}
