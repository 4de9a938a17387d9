package io.github.wechatqr.spring;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Which properties hold a secret, and the secrets they hold: the one list that the actuator's masking and the
 * start-up checks read. A property holds a secret when it lies under {@code wechat.qrcode} and its name ends in
 * one of {@link #NAMES}, so an account's settings wherever they live ({@code wechat.qrcode.secret},
 * {@code wechat.qrcode.accounts.shop-a.secret}) are covered without being listed one by one. A new kind of
 * secret is one more entry in {@link #NAMES}.
 */
final class SecretProperties {
  /** The names, relative to an account's settings, of the properties whose value is a secret. */
  static final List<String> NAMES = List.of("secret", "callback.token", "callback.encoding-aes-key", "redis.uri");
  private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(WeChatQrCodeProperties.PREFIX);
  private static final List<ConfigurationPropertyName> SUFFIXES = NAMES.stream().map(ConfigurationPropertyName::of).toList();
  private static final String CANONICAL_ROOT = canonical(WeChatQrCodeProperties.PREFIX) + ".";
  private static final List<String> CANONICAL_SUFFIXES = NAMES.stream().map(name -> "." + canonical(name)).toList();
  /** Spring's {@code ${name}} or {@code ${name:default}}, still in the value once everything was resolved. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}");

  private SecretProperties() {}

  /** @return whether the property holds a secret (a name as Spring Boot reads it from any property source) */
  static boolean holdsSecret(ConfigurationPropertyName name) {
    if (!ROOT.isAncestorOf(name)) {
      return false;
    }
    int elements = name.getNumberOfElements();
    return SUFFIXES.stream().anyMatch(suffix -> elements > suffix.getNumberOfElements()
        && name.subName(elements - suffix.getNumberOfElements()).equals(suffix));
  }

  /**
   * @param key a property's key in any spelling: {@code wechat.qrcode.callback.encoding-aes-key},
   *     {@code ...encodingAesKey}, {@code WECHAT_QRCODE_CALLBACK_ENCODINGAESKEY}
   * @return whether it holds a secret
   */
  static boolean holdsSecret(String key) {
    String canonical = canonical(key);
    return canonical.startsWith(CANONICAL_ROOT) && CANONICAL_SUFFIXES.stream().anyMatch(canonical::endsWith);
  }

  /**
   * Collects the secrets configured in the environment: the value of every property that {@link #holdsSecret
   * holds a secret}, in every property source (an overridden one too), its placeholders resolved, so the
   * variable that a {@code ${WECHAT_SECRET}} names yields its value. Blank values and unresolved placeholders
   * are no secret and are left out.
   *
   * @param environment the application's environment
   * @return the secrets, each as configured
   */
  static Set<String> values(Environment environment) {
    Set<String> secrets = new LinkedHashSet<>();
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      // A source that cannot list its names is asked for the top-level account's names only.
      Stream<ConfigurationPropertyName> names = source instanceof IterableConfigurationPropertySource iterable
          ? iterable.stream().filter(SecretProperties::holdsSecret)
          : SUFFIXES.stream().map(ROOT::append);
      names.map(source::getConfigurationProperty).filter(property -> property != null && property.getValue() != null)
          .map(ConfigurationProperty::getValue)
          .map(value -> environment.resolvePlaceholders(String.valueOf(value)))
          .filter(value -> !value.isBlank() && !unresolved(value))
          .forEach(secrets::add);
    }
    return secrets;
  }

  /** @return whether the value still holds a {@code ${…}} placeholder: the variable or property it names is not set */
  static boolean unresolved(String value) {
    return value != null && PLACEHOLDER.matcher(value).find();
  }

  private static String canonical(String key) {
    return key == null ? "" : key.toLowerCase(Locale.ROOT).replace('_', '.').replace("-", "");
  }
}
