package io.github.wechatqr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.FakeWeChatServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The root README's "Use it from Java" snippet, run: {@link #the_snippet()} holds it line for line, but for
 * the credentials line, which points at the fake instead of WeChat. A README that drifts from this test, or
 * names an import the snippet does not use, fails it.
 */
class ReadmeSnippetTest {
  private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  private static final Path README = MODULE.getParent().resolve("README.md");
  private static final Path SOURCE = MODULE.resolve("src/test/java/io/github/wechatqr/client/ReadmeSnippetTest.java");
  private static final String CREDENTIALS = ".appId(";

  private final FakeWeChatServer fake = FakeWeChatServer.start();

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  @SuppressWarnings("unused") // the snippet's variables are for the reader
  void the_snippet() {
    // README:begin
    try (WeChatQrCodes wechat = WeChatQrCodes.builder()
        .appId(fake.appId()).secret(fake.secret()).apiBase(fake.baseUri()).mpBase(fake.baseUri())
        .build()) {
      QrCodeService qrcodes = wechat.service();

      // A login code per session: valid 10 minutes, reused while at least half of that is left.
      QrCode login = qrcodes.temporary(SceneValue.of("session-42"), Duration.ofMinutes(10));
      QrImage image = qrcodes.image(login);                 // the JPEG: downloaded once, then from memory
      String link = WeChatQrCodes.imageUrl(login.ticket());  // or the showqrcode link: no token, no credentials

      // A permanent code per shop: created once, then always served from the store.
      QrCode shop = qrcodes.permanent(SceneValue.of(17));
    }
    // README:end

    assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(2);
    assertThat(fake.journal().count(FakeWeChatServer.SHOW_QRCODE)).isEqualTo(1);
  }

  @Test
  void the_readme_shows_the_snippet_of_this_test() throws IOException {
    List<String> readme = readmeSnippet();
    List<String> code = readme.stream().filter(line -> !line.startsWith("import ")).toList();

    assertThat(without(code, CREDENTIALS)).containsExactlyElementsOf(without(testSnippet(), CREDENTIALS));
    assertThat(code).filteredOn(line -> line.contains(CREDENTIALS)).singleElement().asString()
        .contains("System.getenv(\"WECHAT_SECRET\")");
  }

  @Test
  void the_readme_imports_exactly_what_the_snippet_uses() throws IOException {
    List<String> imports = readmeSnippet().stream().filter(line -> line.startsWith("import ")).toList();
    String snippet = String.join("\n", testSnippet());

    assertThat(imports).isNotEmpty();
    for (String line : imports) {
      String type = line.substring("import ".length(), line.length() - 1);
      assertThatCode(() -> Class.forName(type)).as(line).doesNotThrowAnyException();
      assertThat(snippet).as(line).containsPattern("\\b" + type.substring(type.lastIndexOf('.') + 1) + "\\b");
    }
    assertThat(snippet.lines().filter(l -> !l.strip().startsWith("//")).flatMap(ReadmeSnippetTest::typesIn).distinct())
        .as("every type the snippet names is imported").allSatisfy(type -> assertThat(imports)
            .anySatisfy(line -> assertThat(line).endsWith("." + type + ";")));
  }

  /** The README's Java block under "Use it from Java", blank lines dropped. */
  private static List<String> readmeSnippet() throws IOException {
    String text = Files.readString(README);
    Matcher block = Pattern.compile("## Use it from Java\\n.*?```java\\n(.*?)```", Pattern.DOTALL).matcher(text);
    assertThat(block.find()).as("a java block under \"Use it from Java\"").isTrue();
    return lines(block.group(1));
  }

  /** This test's snippet, its indentation taken off, blank lines dropped. */
  private static List<String> testSnippet() throws IOException {
    String source = Files.readString(SOURCE);
    int begin = source.indexOf("// README:begin\n") + "// README:begin\n".length();
    int end = source.indexOf("    // README:end");
    return lines(source.substring(begin, end)).stream().map(line -> line.substring(4)).toList();
  }

  /** The capitalised words a snippet line declares or calls through, e.g. {@code QrCode}, {@code Duration}. */
  private static java.util.stream.Stream<String> typesIn(String line) {
    return Pattern.compile("\\b([A-Z][A-Za-z]+)\\b(?=[ .])").matcher(line.replaceAll("\"[^\"]*\"", "\"\""))
        .results().map(match -> match.group(1)).filter(name -> !inJavaLang(name));
  }

  private static boolean inJavaLang(String simpleName) {
    try {
      Class.forName("java.lang." + simpleName);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static List<String> lines(String text) {
    return Arrays.stream(text.split("\n")).filter(line -> !line.isBlank()).map(String::stripTrailing).toList();
  }

  private static List<String> without(List<String> lines, String marker) {
    return lines.stream().filter(line -> !line.contains(marker)).toList();
  }
}
