package io.github.wechatqr.domain.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.AccessToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InProcessTokenSlotTest {
  private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");
  private final InProcessTokenSlot slot = new InProcessTokenSlot();
  private final List<RefreshReason> reasons = new ArrayList<>();

  private TokenSlot.Renewal renewal(String value, boolean needed) {
    return new TokenSlot.Renewal() {
      @Override
      public boolean needed(AccessToken current) {
        return needed;
      }

      @Override
      public AccessToken fetch(RefreshReason reason) {
        reasons.add(reason);
        return new AccessToken(value, LATER);
      }
    };
  }

  @Test
  void a_rejection_is_matched_by_value_and_forces_the_next_renewal_once() {
    slot.renew(renewal("a", true));
    assertThat(slot.reject(new AccessToken("a", LATER.minusSeconds(5)))).as("same value, other expiry").isTrue();
    assertThat(slot.current()).isNull();
    assertThat(slot.reject(new AccessToken("a", LATER))).as("already dropped").isFalse();
    slot.renew(renewal("b", true));
    slot.renew(renewal("c", true));
    assertThat(reasons).containsExactly(RefreshReason.DUE, RefreshReason.REJECTED, RefreshReason.DUE);
  }

  @Test
  void a_renewal_no_longer_needed_keeps_the_held_token() {
    AccessToken held = slot.renew(renewal("a", true));
    assertThat(slot.renew(renewal("never", false))).isSameAs(held);
    assertThat(slot.reject(new AccessToken("other", LATER))).isFalse();
    assertThat(slot.current()).isSameAs(held);
    assertThat(slot).hasToString("InProcessTokenSlot[holding=true]");
  }
}
