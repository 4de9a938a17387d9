package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.QrImages;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qrcode batch} in an {@code --out} someone else can write to: planted links redirect nothing, an
 * {@code --out} that is not the user's own is refused, and repeated scenes are made once, not raced.
 */
class BatchHostileFilesTest {
  private static final String PRECIOUS = "precious, not to be touched\n";
  private final FakeWeChatServer fake = FakeWeChatServer.start();
  @TempDir
  Path dir;
  private Path out;
  private Path victim;

  @BeforeEach
  void plant() throws IOException {
    out = Files.createDirectory(dir.resolve("out"));
    victim = Files.writeString(dir.resolve("victim.txt"), PRECIOUS);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private Cli batch(String... scenes) throws IOException {
    return batchInto(out, scenes);
  }

  private Cli batchInto(Path target, String... scenes) throws IOException {
    Path input = Files.write(dir.resolve("scenes.csv"), List.of(scenes));
    return Cli.run(FakeWeChat.args(fake, "batch", "--input", input.toString(), "--out", target.toString(),
        "--temporary", "--expire", "1h", "--concurrency", "16"));
  }

  private List<List<String>> manifest() throws IOException {
    return Files.readAllLines(out.resolve(Manifest.FILE)).stream().skip(1).map(Csv::split).toList();
  }

  @Test
  void a_manifest_planted_as_a_link_is_refused_and_its_victim_untouched() throws Exception {
    Files.createSymbolicLink(out.resolve(Manifest.FILE), victim);
    Cli refused = batch("shop-1", "shop-2");
    assertThat(refused.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err()).contains("manifest.csv is a symbolic link: refused");
    assertThat(Files.readString(victim)).isEqualTo(PRECIOUS);
    assertThat(Files.isSymbolicLink(out.resolve(Manifest.FILE))).isTrue();
  }

  @Test
  void a_part_file_planted_as_a_link_cannot_redirect_the_image() throws Exception {
    String image = ImageFiles.name("TEMPORARY_STR", "shop-1");
    Files.createSymbolicLink(out.resolve(image + ".part"), victim);
    Cli made = batch("shop-1");
    assertThat(made.exit()).as(made.all()).isZero();
    assertThat(Files.readString(victim)).isEqualTo(PRECIOUS);
    assertThat(Files.readSymbolicLink(out.resolve(image + ".part"))).isEqualTo(victim);
    assertThat(Files.isSymbolicLink(out.resolve(image))).isFalse();
    assertThat(QrImages.decode(Files.readAllBytes(out.resolve(image)))).isEqualTo(manifest().get(0).get(3));
    try (var files = Files.list(out)) {
      assertThat(files.map(f -> f.getFileName().toString())).as("no part file left behind")
          .containsExactlyInAnyOrder(Manifest.FILE, image, image + ".part");
    }
  }

  @Test
  void an_image_name_planted_as_a_link_is_refused_not_replaced() throws Exception {
    String image = ImageFiles.name("TEMPORARY_STR", "shop-1");
    Files.createSymbolicLink(out.resolve(image), victim);
    Cli refused = batch("shop-1", "shop-2");
    assertThat(refused.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.out()).contains("done 1, skipped 0, failed 1");
    assertThat(Files.readString(victim)).isEqualTo(PRECIOUS);
    assertThat(Files.readSymbolicLink(out.resolve(image))).isEqualTo(victim);
    assertThat(manifest()).filteredOn(row -> row.get(0).equals("shop-1")).singleElement().satisfies(row -> {
      assertThat(row.get(6)).isEqualTo(Manifest.FAILED);
      assertThat(row.get(7)).contains(image + " is a symbolic link: refused, not replaced");
    });
  }

  @Test
  void an_out_that_is_a_link_is_refused() throws Exception {
    Path real = Files.createDirectory(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    Cli refused = batchInto(link, "shop-1");
    assertThat(refused.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err()).contains("--out " + link + " is a symbolic link");
    try (var files = Files.list(real)) {
      assertThat(files).isEmpty();
    }
    assertThat(fake.journal().entries()).isEmpty();
  }

  @Test
  void a_world_writable_out_needs_the_sticky_bit() throws Exception {
    Files.setAttribute(out, "unix:mode", 0777);
    Cli refused = batch("shop-1");
    assertThat(refused.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err()).contains("is writable by every user and has no sticky bit");
    assertThat(out.resolve(Manifest.FILE)).doesNotExist();

    Files.setAttribute(out, "unix:mode", 01777); // as /tmp: others may add names, not rename or delete ours
    Cli made = batch("shop-1");
    assertThat(made.exit()).as(made.all()).isZero();
  }

  @Test
  void an_out_of_another_user_is_refused() throws Exception {
    chownOrSkip(out);
    Cli refused = batch("shop-1");
    assertThat(refused.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err()).contains("belongs to another user (uid 65534)");
    assertThat(out.resolve(Manifest.FILE)).doesNotExist();
  }

  @Test
  void a_manifest_of_another_user_is_refused() throws Exception {
    Path planted = Files.writeString(out.resolve(Manifest.FILE),
        String.join(",", Manifest.HEADER) + "\nshop-1,TEMPORARY_STR,t,u,,x.jpg,done,\n");
    chownOrSkip(planted);
    Cli refused = batch("shop-1");
    assertThat(refused.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err()).contains("manifest.csv belongs to another user");
  }

  @Test
  void three_hundred_identical_rows_make_one_code_and_a_clear_report() throws Exception {
    Cli made = batch(IntStream.range(0, 300).mapToObj(i -> "same").toArray(String[]::new));
    assertThat(made.exit()).as(made.all()).isZero();
    assertThat(made.out()).contains("done 1, skipped 0, failed 0, duplicates 299");
    assertThat(made.err()).contains("line 1's scene \"same\" is repeated on 299 lines 2, 3, 4, 5, 6, 7, 8, 9, 10, "
        + "... 300: the repeats skipped, one code made");
    assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(1);
    assertThat(manifest()).singleElement().satisfies(row -> assertThat(row.get(6)).isEqualTo(Manifest.DONE));

    Cli again = batch("same", "other", "same");
    assertThat(again.out()).contains("done 1, skipped 1, failed 0, duplicates 1");
    assertThat(again.err()).contains("line 1's scene \"same\" is repeated on line 3: the repeat skipped");
  }

  @Test
  void two_scenes_that_would_share_an_image_name_are_refused_before_anything_starts() throws Exception {
    String[] twins = crcTwins();
    assertThat(ImageFiles.name("TEMPORARY_STR", twins[0])).isEqualTo(ImageFiles.name("TEMPORARY_STR", twins[1]));
    Cli refused = batch("before", twins[0], twins[1]);
    assertThat(refused.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err()).contains("lines 2 and 3 are different scenes with the same image file name");
    assertThat(fake.journal().entries()).isEmpty();
  }

  /**
   * Two 50-character scenes alike in their first 40 (the readable part of the name) and in CRC-32: found once
   * by a birthday search over random suffixes (about 80,000 tries), kept as they are.
   */
  private static String[] crcTwins() {
    return new String[] {"x".repeat(40) + "lW5qdxORhQ", "x".repeat(40) + "qhf5WbGusj"};
  }

  private static void chownOrSkip(Path file) throws IOException {
    try {
      Files.setAttribute(file, "unix:uid", 65534);
    } catch (FileSystemException | UnsupportedOperationException notRoot) {
      Assumptions.abort("giving a file to another user needs root: " + notRoot);
    }
  }
}
