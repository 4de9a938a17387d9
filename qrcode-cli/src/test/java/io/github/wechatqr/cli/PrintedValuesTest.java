package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Fault;
import io.github.wechatqr.testkit.SecretLedger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nothing a command prints comes out raw: values from WeChat, Redis or a push are shown with their control
 * characters, separators and bidi controls escaped, in text and in JSON, and a Redis password is never
 * echoed, not even by a parse error.
 */
class PrintedValuesTest {
  /** Clears the screen, retitles the terminal window, then reverses what follows. */
  private static final String HOSTILE = "\u001b[2J\u001b]0;owned\u0007\u202e";

  /** @return whether the text could drive a terminal (newlines between lines apart) */
  static boolean drivesATerminal(String printed) {
    return printed.chars().anyMatch(c -> c != '\n' && Terminal.unsafe(c));
  }

  @Test
  void text_shows_controls_separators_and_bidi_controls_escaped() {
    assertThat(Terminal.text("gQ" + HOSTILE + "\u009b31m\u007f\r\n\t\u2028ok"))
        .isEqualTo("gQ\\x1B[2J\\x1B]0;owned\\x07\\u202E\\x9B31m\\x7F\\x0D\\x0A\\x09\\u2028ok");
    assertThat(Terminal.block("at x\n\tat y\r\u001b")).isEqualTo("at x\n\tat y\\x0D\\x1B");
    assertThat(Terminal.text("shop-杭州-17")).isEqualTo("shop-杭州-17");
    assertThat(Terminal.redacted("cannot reach redis://:pa/ss@word@127.0.0.1:1/0 nor rediss://bob:x@h"))
        .isEqualTo("cannot reach redis://***@127.0.0.1:1/0 nor rediss://***@h");
  }

  @Test
  void json_escapes_what_jackson_leaves_raw_and_reads_back_the_same() throws Exception {
    String value = "o" + HOSTILE + "\u009b\u007f\u2029杭州";
    String json = CodeOutput.JSON.writeValueAsString(Map.of("openId", value));
    assertThat(json).isEqualTo("{\"openId\":\"o\\u001B[2J\\u001B]0;owned\\u0007\\u202E\\u009B\\u007F\\u2029杭州\"}");
    assertThat(drivesATerminal(json)).isFalse();
    assertThat(CodeOutput.JSON.readTree(json).get("openId").asText()).isEqualTo(value);
  }

  @Test
  void a_code_whose_ticket_and_url_carry_escape_sequences_is_printed_escaped() throws Exception {
    String token = "stubAccessToken_" + "A1b2C3d4".repeat(12);
    SecretLedger.record(token);
    HttpServer upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    upstream.createContext("/", exchange -> {
      String answer = exchange.getRequestURI().getPath().endsWith("token")
          ? "{\"access_token\":\"" + token + "\",\"expires_in\":7200}"
          : "{\"ticket\":\"gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3\\u001b[2J\\u009b31m==\","
              + "\"expire_seconds\":3600,\"url\":\"http://weixin.qq.com/q/kZgf\\u001b]0;owned\\u0007\\u202e\"}";
      byte[] body = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    upstream.start();
    try {
      String base = "http://127.0.0.1:" + upstream.getAddress().getPort();
      String[] create = {"create", "--api-base", base, "--mp-base", base, "--appid", "wxstub0000000001",
          "--secret", "stub-secret-0000000000000000001", "--temporary", "--expire", "1h", "--scene-id", "5"};
      Cli human = Cli.run(create);
      Cli json = Cli.run(FakeWeChat.concat(create, "--json"));
      assertThat(drivesATerminal(human.all())).as(human.all()).isFalse();
      assertThat(drivesATerminal(json.all())).as(json.all()).isFalse();
      // Should the gateway ever refuse such an answer, the refusal is what is printed: escaped as well.
      if (human.exit() == ExitCodes.OK) {
        assertThat(human.out()).contains("Z2Z3\\x1B[2J\\x9B31m==", "kZgf\\x1B]0;owned\\x07\\u202E");
        JsonNode code = CodeOutput.JSON.readTree(json.out());
        assertThat(code.get("ticket").asText()).endsWith("Z2Z3\u001b[2J\u009b31m==");
        assertThat(json.out()).contains("Z2Z3\\u001B[2J\\u009B31m==");
      }
    } finally {
      upstream.stop(0);
    }
  }

  @Test
  void an_errmsg_with_escape_sequences_is_printed_escaped() {
    try (FakeWeChatServer fake = FakeWeChatServer.start()) {
      fake.failNext(FakeWeChatServer.CREATE, new Fault.Errcode(45009, "quota" + HOSTILE), 1);
      Cli refused = Cli.run(FakeWeChat.args(fake, "create", "--verbose", "--temporary", "--scene-id", "1"));
      assertThat(refused.exit()).isEqualTo(ExitCodes.WECHAT_REFUSED);
      assertThat(refused.err()).contains("45009");
      assertThat(drivesATerminal(refused.all())).as(refused.all()).isFalse();
    }
  }

  @Test
  void a_push_with_c1_controls_and_bidi_overrides_is_printed_escaped() throws Exception {
    String openId = "oAbC\u009b2J\u007f\u202e";
    String ticket = "gQH47joAAAAAAAAAASxodHRw\u009b31m\u2028==";
    String push = "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><FromUserName><![CDATA[" + openId
        + "]]></FromUserName><CreateTime>1767225600</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        + "<Event><![CDATA[SCAN]]></Event><EventKey><![CDATA[123]]></EventKey><Ticket><![CDATA[" + ticket
        + "]]></Ticket></xml>";
    Cli printed = Cli.withInput(push, "event");
    assertThat(drivesATerminal(printed.all())).as(printed.all()).isFalse();
    if (printed.exit() == ExitCodes.OK) { // a receiver that bounds the fields' alphabet refuses it: fine too
      JsonNode json = CodeOutput.JSON.readTree(printed.out());
      assertThat(json.get("openId").asText()).isEqualTo(openId);
      assertThat(json.get("ticket").asText()).isEqualTo(ticket);
      assertThat(printed.out()).contains("oAbC\\u009B2J\\u007F\\u202E", "\\u009B31m\\u2028==");
    }
  }

  @Test
  void a_redis_uri_is_never_echoed_with_its_password() {
    for (String uri : new String[] {"redis://:s3cret pass@127.0.0.1:6379", "redis://us er:s3cretpass@host",
        "redis://:s3cretpass@[::1:6379", "s3cretpass@127.0.0.1:6379", "http://u:s3cretpass@127.0.0.1"}) {
      Cli refused = Cli.run("create", "--verbose", "--redis", uri, "--temporary", "--scene-id", "1");
      assertThat(refused.exit()).as(uri).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(refused.err()).as(uri).contains("Invalid value for option '--redis'").contains("not shown");
      assertThat(refused.all()).as(uri).doesNotContain("s3cret");
    }
    try (FakeWeChatServer fake = FakeWeChatServer.start()) {
      Cli down = Cli.run(FakeWeChat.args(fake, "create", "--verbose", "--redis", "redis://:s3cretpass@127.0.0.1:1",
          "--temporary", "--scene-id", "1"));
      assertThat(down.exit()).isEqualTo(ExitCodes.UPSTREAM_DOWN);
      assertThat(down.all()).doesNotContain("s3cretpass");
    }
  }
}
