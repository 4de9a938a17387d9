package io.github.wechatqr.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.wechatqr.domain.InvalidCallback;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.events.CallbackMessage;
import io.github.wechatqr.events.CallbackResponse;
import io.github.wechatqr.events.PushInspector;
import io.github.wechatqr.events.WeChatCallbackHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qrcode event}: verifies (given the signature parameters), decrypts and prints a push as JSON. */
@Command(name = "event", mixinStandardHelpOptions = true,
    description = {"Read a push from standard input and print it as JSON.",
        "With --token and the signature parameters it is verified exactly as the callback handler does it;",
        "without them it is only decrypted and parsed (\"verified\": false)."},
    footer = {"", "Examples:", "  qrcode event < push.xml",
        "  qrcode event --aes-key KEY --appid wx123 < encrypted.xml",
        "  qrcode event --token T --aes-key KEY --appid wx123 --timestamp 1767225600 --nonce 42 \\",
        "               --signature S --msg-signature M < encrypted.xml"})
final class EventCommand implements Callable<Integer> {
  @Mixin
  WeChatOptions wechat;

  @Option(names = "--token", description = "The callback token (Token of the server settings). Never printed.")
  String token;

  @Option(names = "--aes-key", paramLabel = "K", description = "The EncodingAESKey, for safe or compatible mode.")
  String aesKey;

  @Option(names = "--timestamp", description = "The push's timestamp parameter.")
  String timestamp;

  @Option(names = "--nonce", description = "The push's nonce parameter.")
  String nonce;

  @Option(names = "--signature", description = "The push's signature parameter.")
  String signature;

  @Option(names = "--msg-signature", description = "The push's msg_signature parameter (safe mode).")
  String msgSignature;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (aesKey != null && (wechat.appId == null || wechat.appId.isBlank())) {
      throw new IllegalArgumentException("--aes-key needs --appid (the appid inside the ciphertext is checked)");
    }
    byte[] body = System.in.readNBytes(64 * 1024 + 1);
    boolean verify = token != null || signature != null || msgSignature != null;
    try (Wiring wiring = Wiring.forResolving(wechat, Clock.systemUTC())) {
      ObjectNode json = verify ? verified(wiring.service(), body) : unverified(wiring.service(), body);
      spec.commandLine().getOut().println(CodeOutput.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }

  private ObjectNode unverified(QrCodeService service, byte[] body) {
    PushInspector.Inspected push = PushInspector.read(body, aesKey, aesKey == null ? null : wechat.appId);
    ObjectNode json = push.scan().map(scan -> scan(service.resolve(scan))).orElseGet(() -> message(push.message()));
    json.put("verified", false);
    return json;
  }

  private ObjectNode verified(QrCodeService service, byte[] body) {
    require("--token", token);
    require("--timestamp", timestamp);
    require("--nonce", nonce);
    require(aesKey == null ? "--signature" : "--msg-signature", aesKey == null ? signature : msgSignature);
    AtomicReference<ObjectNode> printed = new AtomicReference<>();
    WeChatCallbackHandler.Builder builder = WeChatCallbackHandler.builder().token(token)
        // a captured push is judged as of its own timestamp: the replay window is for live traffic
        .clock(Clock.fixed(Instant.ofEpochSecond(parseSeconds(timestamp)), ZoneOffset.UTC))
        .resolver(service)
        .scanListener(scan -> printed.set(scan(scan)))
        .fallbackListener(message -> printed.set(message(message)));
    if (aesKey != null) {
      builder.encodingAesKey(aesKey, wechat.appId);
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("timestamp", timestamp);
    query.put("nonce", nonce);
    if (signature != null) {
      query.put("signature", signature);
    }
    if (aesKey != null) {
      query.put("encrypt_type", "aes");
      query.put("msg_signature", msgSignature);
    }
    CallbackResponse answer = builder.build().handle("POST", query, body);
    if (!answer.isSuccess() || printed.get() == null) {
      throw new InvalidCallback("refused (" + answer.status() + "): " + answer.body());
    }
    printed.get().put("verified", true);
    return printed.get();
  }

  private static ObjectNode scan(ResolvedScan resolved) {
    ObjectNode json = CodeOutput.JSON.createObjectNode();
    json.put("kind", resolved.event().kind().name());
    json.put("openId", resolved.event().openId());
    json.put("account", resolved.event().account());
    if (resolved.scene() instanceof SceneValue.Id id) {
      json.put("scene", id.value());
      json.put("sceneType", "id");
    } else {
      json.put("scene", resolved.scene().text());
      json.put("sceneType", "str");
    }
    json.put("resolution", resolved.resolution().name());
    json.put("ticket", resolved.event().ticket() == null ? null : resolved.event().ticket().value());
    json.put("createdAt", resolved.event().createdAt().toString());
    return json;
  }

  private static ObjectNode message(CallbackMessage message) {
    ObjectNode json = CodeOutput.JSON.createObjectNode();
    json.put("msgType", message.msgType());
    json.put("event", message.event());
    json.put("eventKey", message.eventKey());
    json.put("openId", message.openId());
    json.put("account", message.account());
    json.put("createdAt", message.createdAt().toString());
    return json;
  }

  private static void require(String option, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("verifying a push needs " + option);
    }
  }

  private static long parseSeconds(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--timestamp must be seconds since 1970, was " + text);
    }
  }
}
