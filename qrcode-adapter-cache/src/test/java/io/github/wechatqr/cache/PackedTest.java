package io.github.wechatqr.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedTest {
  private static Packed.Reader read(Packed.Writer writer) {
    return new Packed.Reader(writer.toArray(), 0);
  }

  @Test
  void varints_and_zigzags_round_trip_at_the_extremes() {
    List<Long> values = List.of(0L, 1L, -1L, 127L, 128L, Long.MAX_VALUE, Long.MIN_VALUE, 1_772_352_000L);
    Packed.Writer out = new Packed.Writer();
    values.forEach(v -> out.zigzag(v).varint(v));
    Packed.Reader in = read(out);
    assertThat(values).allSatisfy(v -> {
      assertThat(in.zigzag()).isEqualTo(v);
      assertThat(in.varint()).isEqualTo(v);
    });
  }

  @Test
  void small_numbers_take_one_byte_and_negative_ones_too_as_zigzag() {
    assertThat(new Packed.Writer().varint(127).toArray()).hasSize(1);
    assertThat(new Packed.Writer().varint(128).toArray()).hasSize(2);
    assertThat(new Packed.Writer().zigzag(-64).toArray()).hasSize(1);
  }

  @Test
  void every_text_form_round_trips() {
    List<String> texts = List.of("", "QQ==", "QR==", "gQH+/x==", "latin é", "中文 \uD83D\uDE00",
        Packed.URL_PREFIX, Packed.URL_PREFIX + "ABCdef0123456789xyzXYZ", Packed.URL_PREFIX + "中", "a".repeat(300));
    Packed.Writer out = new Packed.Writer();
    texts.forEach(out::text);
    Packed.Reader in = read(out);
    assertThat(texts).allSatisfy(text -> assertThat(in.text()).isEqualTo(text));
  }

  @Test
  void a_weixin_url_keeps_only_what_follows_the_prefix() {
    byte[] packed = new Packed.Writer().text(Packed.URL_PREFIX + "ABCDEFGHIJKLMNOPQRSTUV").toArray();
    assertThat(packed).hasSize(2 + 22);
  }

  @Test
  void only_canonical_base64_is_decoded() {
    assertThat(Packed.canonicalBase64("QQ==")).containsExactly('A');
    assertThat(Packed.canonicalBase64("gQH+/w==")).hasSize(4);
    assertThat(Packed.canonicalBase64("gQH+/x==")).isNull(); // the last char carries stray bits
    assertThat(Packed.canonicalBase64("QR==")).isNull(); // decodes, but not back to itself
    assertThat(Packed.canonicalBase64("Q===")).isNull();
    assertThat(Packed.canonicalBase64("QQ=A")).isNull();
    assertThat(Packed.canonicalBase64("ab-_")).isNull();
    assertThat(Packed.canonicalBase64("abc")).isNull();
    assertThat(Packed.canonicalBase64("")).isNull();
  }

  @Test
  void skipping_a_text_lands_on_the_next_field() {
    Packed.Reader in = read(new Packed.Writer().text("gQH+/x==").text("next"));
    assertThat(in.skipText().text()).isEqualTo("next");
  }

  @Test
  void the_range_hash_is_the_array_hash_of_that_range() {
    byte[] bytes = {5, -3, 7, 100, -128};
    assertThat(Packed.hash(bytes, 1, 4)).isEqualTo(Arrays.hashCode(Arrays.copyOfRange(bytes, 1, 4)));
  }
}
