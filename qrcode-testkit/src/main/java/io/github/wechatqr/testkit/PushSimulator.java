package io.github.wechatqr.testkit;

import io.github.wechatqr.domain.Ticket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/** Builds scan pushes like WeChat and POSTs them to the configured callback. */
final class PushSimulator {
  private final WeChatModel model;
  private volatile Callback callback;

  PushSimulator(WeChatModel model) {
    this.model = model;
  }

  void callback(Callback callback) {
    this.callback = callback;
  }

  /** @param follower as for {@link WeChatModel#scan} */
  Push scan(Ticket ticket, String openId, Boolean follower) {
    Callback target = callback;
    if (target == null) {
      throw new IllegalStateException("no callback configured: call callback(...) first");
    }
    return build(target, model.scan(ticket, openId, follower));
  }

  private static Push build(Callback target, Scanned scan) {
    String timestamp = Long.toString(scan.createTime());
    String nonce = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000L, 10_000_000_000L));
    String xml = scan.xml();
    Map<String, String> query = new LinkedHashMap<>();
    query.put("signature", PushCrypto.signature(target.token(), timestamp, nonce));
    query.put("timestamp", timestamp);
    query.put("nonce", nonce);
    query.put("openid", scan.openId());
    String body = xml;
    if (target.mode() != Callback.Mode.PLAIN) {
      String encrypt = new PushCrypto(target.encodingAesKey()).encrypt(xml, scan.account().appId);
      query.put("encrypt_type", "aes");
      query.put("msg_signature", PushCrypto.signature(target.token(), timestamp, nonce, encrypt));
      body = target.mode() == Callback.Mode.SAFE
          ? PushXml.encrypted(scan.account().originalId, encrypt)
          : PushXml.compatible(xml, encrypt);
    }
    String encodedQuery = query.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    String url = target.url().toString();
    return new Push(URI.create(url + (url.contains("?") ? "&" : "?") + encodedQuery), query, body, xml);
  }

  static PushResult deliver(Push push) {
    try {
      HttpURLConnection connection = (HttpURLConnection) push.target().toURL().openConnection();
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setConnectTimeout(5_000);
      connection.setReadTimeout(5_000); // WeChat waits 5 s for an answer
      connection.setRequestProperty("Content-Type", "text/xml; charset=utf-8");
      try (OutputStream out = connection.getOutputStream()) {
        out.write(push.body().getBytes(StandardCharsets.UTF_8));
      }
      int status = connection.getResponseCode();
      InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      String body = answer == null ? "" : new String(answer.readAllBytes(), StandardCharsets.UTF_8);
      connection.disconnect();
      return new PushResult(push, status, body);
    } catch (IOException e) {
      throw new UncheckedIOException("push to " + push.target().getPath() + " failed", e);
    }
  }
}
