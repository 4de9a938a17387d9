package io.github.wechatqr.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.AppId;
import org.junit.jupiter.api.Test;

/** The parts without keys are every account's: their view of any account is themselves. */
class KeylessPartsTest {
  private static final AppId ACCOUNT = AppId.of("wxshop");

  @Test
  void the_local_lock_is_its_own_view_of_every_account() {
    CreationLock local = CreationLock.local();
    assertThat(local).isInstanceOf(AccountScoped.class).hasToString("CreationLock.local()");
    assertThat(((AccountScoped<?>) local).forAccount(ACCOUNT)).isSameAs(local);
  }

  @Test
  void the_image_store_that_keeps_nothing_is_its_own_view_of_every_account() {
    QrImageStore none = QrImageStore.none();
    assertThat(none).isInstanceOf(AccountScoped.class).hasToString("QrImageStore.none()");
    assertThat(((AccountScoped<?>) none).forAccount(ACCOUNT)).isSameAs(none);
  }
}
