package io.github.wechatqr.cli;

import io.github.wechatqr.testkit.FakeWeChatServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qrcode fake-server}: the testkit's fake WeChat, standalone, until Ctrl-C. */
@Command(name = "fake-server", mixinStandardHelpOptions = true,
    description = "Run a fake WeChat service on 127.0.0.1 (token, stable_token, qrcode/create, showqrcode) "
        + "until stopped, and print the base url and the made-up credentials to use with it.",
    footer = {"", "Example:", "  qrcode fake-server --port 8089 &",
        "  qrcode create --api-base http://127.0.0.1:8089 --mp-base http://127.0.0.1:8089 \\",
        "      --appid wxfake0000000001 --secret fakesecret000000000000000000001 --temporary --scene-id 1"})
final class FakeServerCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8089", description = "Port on 127.0.0.1; 0 picks a free one "
      + "(default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--appid", defaultValue = FakeWeChatServer.DEFAULT_APPID,
      description = "The fake account's appid (default: ${DEFAULT-VALUE}).")
  String appId;

  @Option(names = "--secret", defaultValue = FakeWeChatServer.DEFAULT_SECRET,
      description = "The fake account's secret (default: a made-up one, printed at start).")
  String secret;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  /** Counted down to stop serving; tests use it, the command line waits for Ctrl-C. */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    FakeWeChatServer server = FakeWeChatServer.builder().port(port).account(appId, secret).start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fake-server-stop"));
    PrintWriter out = spec.commandLine().getOut();
    String base = server.baseUri().toString();
    out.println("listening on " + base);
    out.println("appid " + server.appId() + " secret " + server.secret() + " (made up: this is a fake)");
    out.println("use: --api-base " + base + " --mp-base " + base + " --appid " + server.appId() + " --secret "
        + server.secret());
    out.flush();
    try {
      stop.await();
    } finally {
      server.close();
    }
    return ExitCodes.OK;
  }
}
