package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.events.CallbackMessage;
import io.github.wechatqr.events.MessageListener;
import io.github.wechatqr.events.ScanListener;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.Ordered;

class ListenerFanOutTest {
  private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final ListenerFanOut fanOut =
      new ListenerFanOut("shop-a", beans.getBeanProvider(ScanListener.class),
          beans.getBeanProvider(AccountScanListener.class), beans.getBeanProvider(MessageListener.class));
  private final ScanEvent event = ScanEvent.fromPush("SCAN", "7", "openid-1", "gh_account", "t-1",
      Instant.parse("2026-05-01T08:00:00Z")).orElseThrow();
  private final ResolvedScan scan = new ResolvedScan(event, event.inferredScene(), ResolvedScan.Resolution.EVENT_KEY, null);

  @Test
  void every_scan_listener_bean_gets_the_scan_in_order() {
    beans.registerSingleton("second", new NamedScanListener("second", 2));
    beans.registerSingleton("first", new NamedScanListener("first", 1));

    fanOut.onScan(scan);

    assertThat(calls).containsExactly("first", "second");
  }

  @Test
  void account_scan_listeners_get_the_scan_with_the_accounts_name_after_the_scan_listeners() {
    beans.registerSingleton("plain", new NamedScanListener("plain", 2));
    beans.registerSingleton("withAccount", (AccountScanListener) (account, scanned) ->
        calls.add(account + ":" + scanned.event().openId()));

    fanOut.onScan(scan);

    assertThat(calls).containsExactly("plain", "shop-a:openid-1");
  }

  @Test
  void listeners_registered_after_the_fan_out_was_built_are_reached_too() {
    fanOut.onScan(scan);
    beans.registerSingleton("late", new NamedScanListener("late", 0));

    fanOut.onScan(scan);

    assertThat(calls).containsExactly("late");
  }

  @Test
  void a_throwing_listener_stops_the_round_so_that_wechat_delivers_again() {
    beans.registerSingleton("failing", new NamedScanListener("failing", 1) {
      @Override
      public void onScan(ResolvedScan scan) {
        super.onScan(scan);
        throw new IllegalStateException("database down");
      }
    });
    beans.registerSingleton("later", new NamedScanListener("later", 2));

    assertThatThrownBy(() -> fanOut.onScan(scan)).hasMessage("database down");
    assertThat(calls).containsExactly("failing");
  }

  @Test
  void every_message_listener_bean_gets_the_other_pushes() {
    beans.registerSingleton("a", (MessageListener) message -> calls.add("a:" + message.msgType()));
    beans.registerSingleton("b", (MessageListener) message -> calls.add("b:" + message.msgType()));

    fanOut.onMessage(new CallbackMessage("gh_account", "openid-1", Instant.EPOCH, "text", null, null, "<xml/>"));

    assertThat(calls).containsExactlyInAnyOrder("a:text", "b:text");
  }

  @Test
  void without_listener_beans_a_scan_is_simply_accepted() {
    fanOut.onScan(scan);

    assertThat(calls).isEmpty();
  }

  private class NamedScanListener implements ScanListener, Ordered {
    private final String name;
    private final int order;

    NamedScanListener(String name, int order) {
      this.name = name;
      this.order = order;
    }

    @Override
    public void onScan(ResolvedScan scan) {
      calls.add(name);
    }

    @Override
    public int getOrder() {
      return order;
    }
  }
}
