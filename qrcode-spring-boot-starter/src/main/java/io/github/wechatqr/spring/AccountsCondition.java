package io.github.wechatqr.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether {@code wechat.qrcode.accounts.*} is set: the one account of {@code app-id} and the rest is wired
 * as beans of each port ({@link One}), several accounts each by the starter itself ({@link Several}).
 */
abstract class AccountsCondition extends SpringBootCondition {
  static final String ACCOUNTS = WeChatQrCodeProperties.PREFIX + ".accounts";
  private final boolean several;

  private AccountsCondition(boolean several) {
    this.several = several;
  }

  static boolean several(Environment environment) {
    return Binder.get(environment).bind(ACCOUNTS, Bindable.mapOf(String.class, Object.class)).isBound();
  }

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    boolean set = several(context.getEnvironment());
    String message = ACCOUNTS + (set ? " is set" : " is not set");
    return set == several ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
  }

  /** The one account of {@code app-id} and the rest: {@code accounts} is not set. */
  static final class One extends AccountsCondition {
    One() {
      super(false);
    }
  }

  /** Several accounts: {@code accounts.<name>.*} is set. */
  static final class Several extends AccountsCondition {
    Several() {
      super(true);
    }
  }
}
