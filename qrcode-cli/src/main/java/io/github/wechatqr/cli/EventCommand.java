package io.github.wechatqr.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.wechatqr.domain.InvalidCallback;
import io.github.wechatqr.domain.ResolvedScan;
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

/**
 * {@code qrcode event}: verifies (given the signature parameters), decrypts and prints a push as JSON. The
 * callback secrets may come from the environment, so they need not be on the command line; the timestamp
 * is judged against the real clock, as the callback handler judges it, unless {@code --at} says when.
 */
@Command(name = "event", mixinStandardHelpOptions = true,
    description = {"Read a push from standard input and print it as JSON.",
        "With the signature parameters it is verified exactly as the callback",
        "handler does it: signature, timestamp against the real clock (or --at, for",
        "a push captured earlier), decryption and appid; without them it is only",
        "decrypted and parsed (\"verified\": false)."},
    footer = {"", "Secrets: --token, --aes-key and --appid default to $WECHAT_CALLBACK_TOKEN,",
        "$WECHAT_AES_KEY and $WECHAT_APPID: prefer the environment, the command line",
        "is visible to other users. --aes-key '' reads a plain push even so.", "", "Examples:",
        "  qrcode event < push.xml",
        "  qrcode event --aes-key KEY --appid wx123 < encrypted.xml",
        "  export WECHAT_CALLBACK_TOKEN=... WECHAT_AES_KEY=... WECHAT_APPID=wx123",
        "  qrcode event --timestamp 1767225600 --nonce 42 --msg-signature M < push.xml",
        "  qrcode event --at 1767225600 --timestamp 1767225600 --nonce 42 \\",
        "               --msg-signature M < captured.xml"})
final class EventCommand implements Callable<Integer> {
  @Mixin
  WeChatOptions wechat;

  @Mixin
  CallbackSecrets secrets;

  private String token; // as resolved by call()
  private String aesKey;

  @Option(names = "--timestamp", description = "The push's timestamp parameter.")
  String timestamp;

  @Option(names = "--nonce", description = "The push's nonce parameter.")
  String nonce;

  @Option(names = "--signature", description = "The push's signature parameter.")
  String signature;

  @Option(names = "--msg-signature", description = "The push's msg_signature parameter (safe mode).")
  String msgSignature;

  @Option(names = "--at", paramLabel = "EPOCH_SECONDS",
      description = "Judge the timestamp as of this time, in seconds since 1970, instead of now: for a push "
          + "captured earlier. The 5-minute window still applies around it.")
  Long at;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    token = secrets.token();
    aesKey = secrets.aesKey(wechat);
    // A token from the environment alone does not ask for verification: the signature parameters do.
    boolean verify = spec.commandLine().getParseResult().hasMatchedOption("--token") || timestamp != null
        || nonce != null || signature != null || msgSignature != null;
    if (at != null && !verify) {
      throw new IllegalArgumentException("--at applies when a push is verified (--timestamp, --nonce, "
          + "--signature or --msg-signature)");
    }
    byte[] body = System.in.readNBytes(64 * 1024 + 1);
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
    if (token == null) {
      throw new IllegalArgumentException("verifying a push needs --token (or WECHAT_CALLBACK_TOKEN)");
    }
    require("--timestamp", timestamp);
    require("--nonce", nonce);
    require(aesKey == null ? "--signature" : "--msg-signature", aesKey == null ? signature : msgSignature);
    AtomicReference<ObjectNode> printed = new AtomicReference<>();
    WeChatCallbackHandler.Builder builder = WeChatCallbackHandler.builder().token(token)
        // as the callback handler: against the real clock, unless --at says when the push is judged
        .clock(at == null ? Clock.systemUTC() : Clock.fixed(Instant.ofEpochSecond(at), ZoneOffset.UTC))
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
    CodeOutput.scene(json, resolved.scene());
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

}
