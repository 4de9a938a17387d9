package io.github.wechatqr.example.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The root README's Spring Boot section, and the starter README's "Listening to scans", are this
 * application's code: each of their {@code java} and {@code yaml} blocks is a verbatim part of a file of
 * {@code src/main}, so neither README can drift from the application that {@link LoginApplicationProcessTest}
 * runs.
 */
class ReadmeSpringSectionTest {
  private static final Pattern BLOCK = Pattern.compile("```(java|yaml)\n(.*?)```", Pattern.DOTALL);
  private static final Path MAIN = Path.of(System.getProperty("basedir", "."), "src", "main");
  private static final Path ROOT = Path.of(System.getProperty("basedir", "."), "..", "..");

  @Test
  void every_java_and_yaml_block_of_the_root_readmes_spring_section_is_verbatim_in_the_application()
      throws IOException {
    List<String> blocks = blocks(section(ROOT.resolve("README.md"), "## Spring Boot"));

    assertThat(blocks).as("the section's java and yaml blocks").hasSizeGreaterThanOrEqualTo(4);
    assertThat(String.join("", blocks)).contains("class LoginScans implements ScanListener")
        .contains("class LoginController").contains("callback:");
    assertVerbatimInTheApplication(blocks);
  }

  @Test
  void the_starter_readmes_listener_is_the_applications() throws IOException {
    List<String> blocks = blocks(section(ROOT.resolve("qrcode-spring-boot-starter/README.md"), "### Listening to scans"));

    assertThat(blocks).singleElement().asString().contains("class LoginScans implements ScanListener");
    assertVerbatimInTheApplication(blocks);
  }

  private static void assertVerbatimInTheApplication(List<String> blocks) throws IOException {
    List<String> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        sources.add(Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    for (String block : blocks) {
      assertThat(sources).as("a file of %s holding, verbatim:%n%s", MAIN, block)
          .anySatisfy(source -> assertThat(source).contains(block));
    }
  }

  /** A README's text from a heading to the next heading of that level or above. */
  private static String section(Path readme, String heading) throws IOException {
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int start = text.indexOf("\n" + heading + "\n");
    assertThat(start).as("the section %s of %s", heading, readme).isNotNegative();
    int level = heading.indexOf(' ');
    Matcher next = Pattern.compile("\n#{1," + level + "} ").matcher(text);
    int end = next.find(start + 1) ? next.start() : text.length();
    return text.substring(start, end);
  }

  private static List<String> blocks(String section) {
    List<String> blocks = new ArrayList<>();
    Matcher block = BLOCK.matcher(section);
    while (block.find()) {
      blocks.add(block.group(2));
    }
    return blocks;
  }
}
