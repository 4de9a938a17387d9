package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ctc.wstx.stax.WstxInputFactory;
import com.sun.net.httpserver.HttpServer;
import io.github.wechatqr.domain.InvalidCallback;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PushXmlReaderTest {
  private final PushXmlReader reader = new PushXmlReader(64 * 1024);
  /**
   * A loopback server that external DTDs and entities point at. It answers (an empty document), so a
   * parser that fetched would go on rather than hang, and counts: the count must stay zero.
   */
  private HttpServer bait;
  private final AtomicInteger fetches = new AtomicInteger();

  @BeforeEach
  void listen() throws IOException {
    bait = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    bait.createContext("/", exchange -> {
      fetches.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    bait.start();
  }

  @AfterEach
  void noFetchWasAttempted() {
    bait.stop(0);
    assertThat(fetches).as("requests to the bait server").hasValue(0);
  }

  private String baitUrl() {
    return "http://127.0.0.1:" + bait.getAddress().getPort() + "/evil.dtd";
  }

  private XmlFields read(String xml) {
    return reader.read(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void reads_the_fields_of_a_scan_push() {
    XmlFields fields = read(SignedRequest.scanXml("SCAN", "123", "gQH/ticket+=", 1_700_000_000L, "o_user"));
    assertThat(fields).isEqualTo(new XmlFields("gh_test", "o_user", "1700000000", "event", "SCAN", "123",
        "gQH/ticket+=", null, null));
  }

  @Test
  void keeps_cdata_text_exactly_with_its_whitespace_and_emoji() {
    XmlFields fields = read("<xml><FromUserName><![CDATA[  o_user \uD83D\uDE00 ]]></FromUserName>"
        + "<EventKey><![CDATA[   ]]></EventKey><Event><![CDATA[a]]]]><![CDATA[>b]]></Event></xml>");
    assertThat(fields.fromUserName()).isEqualTo("  o_user \uD83D\uDE00 ");
    assertThat(fields.eventKey()).isEqualTo("   ");
    assertThat(fields.event()).isEqualTo("a]]>b");
  }

  @Test
  void resolves_the_predefined_entities_and_character_references() {
    assertThat(read("<xml><EventKey>a&amp;b&#x1F600;&lt;</EventKey></xml>").eventKey())
        .isEqualTo("a&b\uD83D\uDE00<");
  }

  @Test
  void ignores_unknown_and_nested_elements() {
    XmlFields fields = read("<xml><MsgType>event</MsgType><ScanCodeInfo><ScanType>qrcode</ScanType>"
        + "</ScanCodeInfo><Unknown/></xml>");
    assertThat(fields.msgType()).isEqualTo("event");
    assertThat(fields.event()).isNull();
  }

  @Test
  void refuses_an_xxe_file_read_without_reading_the_file(@TempDir Path dir) throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + secret.toUri()
        + "\">]><xml><FromUserName>&xxe;</FromUserName></xml>";
    assertThatThrownBy(() -> read(xxe)).isInstanceOf(InvalidCallback.class)
        .hasMessage("DOCTYPE is not allowed");
  }

  @Test
  void refuses_billion_laughs() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE xml [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"")
          .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    String bomb = dtd + "]><xml><Content>&lol9;</Content></xml>";
    assertThatThrownBy(() -> read(bomb)).isInstanceOf(InvalidCallback.class).hasMessage("DOCTYPE is not allowed");
  }

  @Test
  void refuses_an_external_dtd_that_a_default_parser_would_silently_ignore() {
    String xml = "<!DOCTYPE xml SYSTEM \"" + baitUrl() + "\"><xml><MsgType>event</MsgType></xml>";
    assertThatThrownBy(() -> read(xml)).isInstanceOf(InvalidCallback.class).hasMessage("DOCTYPE is not allowed");
  }

  @Test
  void the_bait_server_does_see_a_parser_that_fetches() throws XMLStreamException {
    // Control for the check after each test: Woodstox left at its defaults loads an external DTD.
    String xml = "<!DOCTYPE xml SYSTEM \"" + baitUrl() + "\"><xml/>";
    XMLStreamReader permissive = new WstxInputFactory()
        .createXMLStreamReader(new StringReader(xml));
    while (permissive.hasNext()) {
      permissive.next();
    }
    assertThat(fetches.getAndSet(0)).isEqualTo(1);
  }

  @Test
  void refuses_a_parameter_entity() {
    String xml = "<!DOCTYPE xml [<!ENTITY % p SYSTEM \"" + baitUrl() + "\"> %p;]><xml/>";
    assertThatThrownBy(() -> read(xml)).isInstanceOf(InvalidCallback.class).hasMessage("DOCTYPE is not allowed");
  }

  @Test
  void refuses_an_undeclared_entity_reference_without_a_doctype() {
    assertThatThrownBy(() -> read("<xml><Content>&xxe;</Content></xml>"))
        .isInstanceOf(InvalidCallback.class).hasMessage("entity references are not allowed");
  }

  @Test
  void refuses_a_root_other_than_xml() {
    assertThatThrownBy(() -> read("<root><MsgType>event</MsgType></root>"))
        .isInstanceOf(InvalidCallback.class).hasMessage("the root element must be <xml>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "not xml", "<xml>", "<xml><MsgType>event</xml>", "<xml></xml><xml></xml>",
      "<xml/>trailing", "\u0000<xml/>"})
  void refuses_malformed_documents(String xml) {
    assertThatThrownBy(() -> read(xml)).isInstanceOf(InvalidCallback.class).hasMessage("malformed XML");
  }

  @ParameterizedTest
  @ValueSource(strings = {"<xml><EventKey>1</EventKey><EventKey>2</EventKey></xml>",
      "<xml><EventKey><a>1</a></EventKey></xml>", "<xml><EventKey>x<a>1</a>y</EventKey></xml>",
      "<xml><EventKey a=\"q\">v</EventKey></xml>"})
  void refuses_a_known_element_that_repeats_or_holds_more_than_text(String xml) {
    // Jackson alone would let the last EventKey win, or read the nested one as "" or "y".
    assertThatThrownBy(() -> read(xml)).isInstanceOf(InvalidCallback.class)
        .hasMessage("EventKey must occur once and hold only text");
  }

  @Test
  void refuses_documents_nested_deeper_than_16() {
    String deep = "<xml>" + "<a>".repeat(20) + "</a>".repeat(20) + "</xml>";
    assertThatThrownBy(() -> read(deep)).isInstanceOf(InvalidCallback.class).hasMessage("malformed XML");
  }

  @Test
  void refuses_text_longer_than_the_limit() {
    PushXmlReader small = new PushXmlReader(100);
    byte[] xml = ("<xml><Content>" + "x".repeat(200) + "</Content></xml>").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> small.read(xml)).isInstanceOf(InvalidCallback.class).hasMessage("malformed XML");
  }

  @Test
  void reads_an_empty_root_as_no_fields() {
    assertThat(read("<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- c --><xml/>"))
        .isEqualTo(new XmlFields(null, null, null, null, null, null, null, null, null));
  }
}
