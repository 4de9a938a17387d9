package io.github.wechatqr.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretMatcherTest {
  private final SecretMatcher matcher = new SecretMatcher(Set.of("secret-one", "secret-two-longer", "abcdef"));

  @Test
  void finds_a_secret_anywhere_in_a_line_and_nothing_in_a_clean_one() {
    assertThat(matcher.find("at the start: secret-one")).contains("secret-one");
    assertThat(matcher.find("secret-two-longer at the start")).contains("secret-two-longer");
    assertThat(matcher.find("xabcdefx")).contains("abcdef");
    assertThat(matcher.find("abcdef")).contains("abcdef");
    assertThat(matcher.find("secret-on")).isEmpty();
    assertThat(matcher.find("secret-two-longe")).isEmpty();
    assertThat(matcher.find("")).isEmpty();
  }

  @Test
  void secrets_sharing_a_prefix_are_told_apart() {
    SecretMatcher shared = new SecretMatcher(Set.of("prefix-aaaa", "prefix-bbbb"));

    assertThat(shared.find("..prefix-bbbb..")).contains("prefix-bbbb");
    assertThat(shared.find("..prefix-cccc..")).isEmpty();
  }

  @Test
  void a_secret_too_short_to_tell_from_text_is_refused_and_a_found_one_is_printed_masked() {
    assertThatThrownBy(() -> new SecretMatcher(Set.of("short"))).isInstanceOf(IllegalArgumentException.class);
    assertThat(SecretMatcher.masked("secret-one")).isEqualTo("secr…(10 chars)").doesNotContain("secret-one");
  }
}
