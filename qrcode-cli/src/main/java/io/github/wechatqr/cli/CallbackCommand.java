package io.github.wechatqr.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.events.CallbackMessage;
import io.github.wechatqr.events.CallbackServer;
import io.github.wechatqr.events.WeChatCallbackHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qrcode callback}: the library's receiver ({@link CallbackServer} serving a
 * {@link WeChatCallbackHandler} on the real clock) on 127.0.0.1, printing one JSON line per delivered push
 * on standard output until stopped: what a developer runs behind a tunnel to see WeChat's pushes.
 */
@Command(name = "callback", mixinStandardHelpOptions = true,
    description = {"Serve a callback URL on 127.0.0.1 and print each push as one JSON line.",
        "Every push is verified and decoded exactly as the library's callback",
        "handler does it (signature, timestamp against the real clock, replays,",
        "decryption and appid in safe mode) and answered as WeChat expects: the",
        "echostr of the URL check, 'success', or a 4xx refusal, which prints nothing.",
        "  scans:  kind (SUBSCRIBE|SCAN), openId, scene, sceneType (id|str), ticket,",
        "          createdAt",
        "  others: kind (MESSAGE), msgType, event, eventKey, openId, createdAt",
        "'listening on URL' goes to standard error first. Ctrl-C, SIGTERM or the",
        "end of standard input stop it cleanly (exit code 0)."},
    footer = {"", "Secrets: --token, --aes-key and --appid default to $WECHAT_CALLBACK_TOKEN,",
        "$WECHAT_AES_KEY and $WECHAT_APPID: prefer the environment, the command line",
        "is visible to other users. Without an AES key the account is in plain mode.",
        "With --redis, scenes of codes this library issued are typed exactly (\"123\"",
        "stays a string); otherwise they are read from the EventKey.",
        "In the background (input /dev/null, or a shell job) add --ignore-stdin.", "", "Examples:",
        "  export WECHAT_CALLBACK_TOKEN=... WECHAT_AES_KEY=... WECHAT_APPID=wx123",
        "  qrcode callback --port 8080 | jq -c 'select(.kind != \"MESSAGE\")'",
        "  qrcode callback --path /wechat/cb --redis redis://127.0.0.1:6379"})
final class CallbackCommand implements Callable<Integer> {
  @Mixin
  WeChatOptions wechat;

  @Mixin
  CallbackSecrets secrets;

  @Option(names = "--port", defaultValue = "8080",
      description = "Port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--path", defaultValue = "/wechat", description = "The callback path (default: ${DEFAULT-VALUE}).")
  String path;

  @Option(names = "--threads", defaultValue = "4", description = "Pushes handled at once (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--ignore-stdin", description = "Keep serving when standard input ends.")
  boolean ignoreStdin;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  /** Counted down to stop serving: by a signal, the end of standard input, a closed standard output, or a test. */
  final CountDownLatch stop = new CountDownLatch(1);

  /** Standard input, watched for its end; tests give their own. */
  InputStream input;

  private final Object printing = new Object();

  @Override
  public Integer call() throws Exception {
    String callbackToken = secrets.token();
    if (callbackToken == null) {
      throw new IllegalArgumentException("missing --token (or WECHAT_CALLBACK_TOKEN): the Token of the account's "
          + "server settings");
    }
    String key = secrets.aesKey(wechat);
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port must be 0..65535, was " + port);
    }
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("--path must start with /, was " + path);
    }
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException("--threads must be 1..64, was " + threads);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Clock clock = Clock.systemUTC();
    try (Wiring wiring = Wiring.forResolving(wechat, clock)) {
      WeChatCallbackHandler.Builder handler = WeChatCallbackHandler.builder().token(callbackToken).clock(clock)
          .resolver(wiring.service())
          .scanListener(scan -> print(out, scan(scan)))
          .fallbackListener(message -> print(out, message(message)));
      if (key != null) {
        handler.encodingAesKey(key, wechat.appId);
      }
      WeChatCallbackHandler built = handler.build();
      StopSignals signals = StopSignals.on(stop::countDown);
      try (CallbackServer server = CallbackServer.start(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), path, built, threads)) {
        err.println("listening on " + server.url());
        err.println(key == null ? "plain mode: pushes are signed, not encrypted"
            : "safe or compatible mode, appid " + Terminal.text(wechat.appId) + "; plain pushes are refused");
        err.flush();
        if (!ignoreStdin) {
          watch(input != null ? input : System.in);
        }
        stop.await();
      } finally {
        signals.close(); // after the server: a signal while it closes still only asks to stop
      }
      err.println("stopped");
      err.flush();
    }
    return ExitCodes.OK;
  }

  /** One line, whole, then flushed; the push counts as delivered only once it is out. */
  private void print(PrintWriter out, ObjectNode line) {
    String text;
    try {
      text = CodeOutput.JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a push as JSON", e);
    }
    synchronized (printing) {
      out.println(text);
      out.flush();
      if (out.checkError()) {
        stop.countDown();
        // WeChat is answered 500 and delivers the push again: nothing shown is nothing lost
        throw new IllegalStateException("standard output is closed");
      }
    }
  }

  private void watch(InputStream stdin) {
    Thread watcher = new Thread(() -> {
      byte[] ignored = new byte[512];
      try {
        while (stdin.read(ignored) >= 0) {
          // what is typed is not read as anything
        }
      } catch (IOException closed) {
        // as the end of input
      }
      stop.countDown();
    }, "qrcode-callback-stdin");
    watcher.setDaemon(true);
    watcher.start();
  }

  /** Exactly kind, openId, scene, sceneType, ticket, createdAt. */
  static ObjectNode scan(ResolvedScan resolved) {
    ObjectNode json = CodeOutput.JSON.createObjectNode();
    json.put("kind", resolved.event().kind().name());
    json.put("openId", resolved.event().openId());
    CodeOutput.scene(json, resolved.scene());
    json.put("ticket", resolved.event().ticket() == null ? null : resolved.event().ticket().value());
    json.put("createdAt", resolved.event().createdAt().toString());
    return json;
  }

  /** kind MESSAGE, msgType, event, eventKey, openId, createdAt. */
  static ObjectNode message(CallbackMessage message) {
    ObjectNode json = CodeOutput.JSON.createObjectNode();
    json.put("kind", "MESSAGE");
    json.put("msgType", message.msgType());
    json.put("event", message.event());
    json.put("eventKey", message.eventKey());
    json.put("openId", message.openId());
    json.put("createdAt", message.createdAt().toString());
    return json;
  }

}
