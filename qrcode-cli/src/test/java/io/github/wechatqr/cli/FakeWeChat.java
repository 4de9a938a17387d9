package io.github.wechatqr.cli;

import io.github.wechatqr.testkit.FakeWeChatServer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The command line's tests talk to an in-process fake on the system clock, as the commands use it. */
final class FakeWeChat {
  private FakeWeChat() {}

  /** The command, then the options that point it at the fake, then the rest. */
  static String[] args(FakeWeChatServer fake, String command, String... rest) {
    List<String> all = new ArrayList<>(List.of(command, "--api-base", fake.baseUri().toString(), "--mp-base",
        fake.baseUri().toString(), "--appid", fake.appId(), "--secret", fake.secret()));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  static String[] concat(String[] first, String... more) {
    return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
  }
}
