package io.github.wechatqr.events;

import java.util.stream.Stream;

/**
 * Published test vectors of WeChat's callback crypto (the WXBizMsgCrypt scheme), copied verbatim from
 * their sources. Every value here was written by someone else; none was produced by this library.
 *
 * <ul>
 *   <li>A — Tencent's Official Account sample, Python {@code Sample.py} ("Author: jonyqin", 2014), as
 *       copied verbatim in GitHub {@code charlesXu86/Chatbot_CN}, {@code Chatbot_Web/impl/weixin/Sample.py}
 *       at commit 7e1cd5c26b67e8679160d65faa35792b9bcf76f6 (the same values are in the README of
 *       {@code fotock/WXbizMsgCrypt-Node}).</li>
 *   <li>B — Tencent's WeCom callback sample, {@code sbzhu/weworkapi_php} {@code callback/Sample.php} at
 *       0855251597a9879090766fae9d475e2ef91f28bd; also asserted by {@code w7corp/easywechat}
 *       {@code tests/Kernel/Traits/DecryptXmlMessageTest.php}. Same crypto; the "appid" is the corpId.</li>
 *   <li>C — Tencent's WeCom Python sample, {@code sbzhu/weworkapi_python} {@code callback/Sample.py} at
 *       27220fbe9d5251d46101e33751568eae9f413666.</li>
 *   <li>D — wechatpy (a major SDK), {@code wechatpy/wechatpy} {@code tests/test_crypto.py} (file last
 *       changed in cbf53e06d3469ac12447b68e753e1131669451b3).</li>
 *   <li>F1 — wechatpy {@code tests/test_utils.py}: the plain-mode {@code signature} of token {@code test},
 *       timestamp {@code 1410685589}, nonce {@code test}.</li>
 * </ul>
 * The plaintexts end in padding of 2 (A), 30 (B2), 22 (C), 7 (B1, C1, D1) and 1 (D2) bytes: a decryptor
 * that unpads to 16-byte blocks (PKCS#5) refuses B2 and C, one that skips the check accepts anything.
 */
final class PublishedVectors {
  private PublishedVectors() {}

  /** @return every sample with a ciphertext */
  static Stream<Sample> all() {
    return Stream.of(A, B1, B2, C1, C2, D1, D2);
  }

  /** One sample: the secrets, the signed request parts, the ciphertext and what it decrypts to. */
  record Sample(String token, String encodingAesKey, String appId, String timestamp, String nonce,
      String msgSignature, String encrypt, String plain) {}

  static final Sample A = new Sample("spamtest", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
      "wx2c2769f8efd9abc2", "1409735669", "1320562132", "5d197aaffba7e9b25a30732f161a50dee96bd5fa",
      "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFm"
          + "OD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticb"
          + "SnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+"
          + "77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCum"
          + "EPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=",
      "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n"
          + "<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n"
          + "<CreateTime>1409735668</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n"
          + "<Content><![CDATA[abcdteT]]></Content>\n<MsgId>6054768590064713728</MsgId>\n</xml>");

  /** B, URL verification: the echostr is encrypted in WeCom. */
  static final Sample B1 = new Sample("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
      "wx5823bf96d3bd56c7", "1409659589", "263014780", "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
      "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==",
      "1616140317555161061");

  /** B, a message. */
  static final Sample B2 = new Sample("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
      "wx5823bf96d3bd56c7", "1409659813", "1372623149", "477715d11cdb4164915debcba66cb864d751f3e6",
      "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3"
          + "W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHz"
          + "M6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nME"
          + "LNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9K"
          + "sNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==",
      "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n"
          + "<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n"
          + "<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n"
          + "<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>");

  /** C, URL verification. */
  static final Sample C1 = new Sample("hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo",
      "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt", "ww1436e0e65a779aee", "1476416373", "47744683",
      "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb",
      "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==",
      "1288432023552776189");

  /** C, a message with UTF-8 text and no CDATA. */
  static final Sample C2 = new Sample("hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo",
      "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt", "ww1436e0e65a779aee", "1476422779", "1597212914",
      "0c3914025cb4b4d68103f6bfc8db550f79dcf48e",
      "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtR"
          + "LNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5ja"
          + "U0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3"
          + "Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+",
      "<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName>"
          + "<CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content>"
          + "<MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>");

  /** D, {@code check_signature} of an encrypted echostr. */
  static final Sample D1 = new Sample("123456", "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR",
      "wx49f0ab532d5d035a", "1411443780", "437374425", "dd6b9c95b495b3f7e2901bfbc76c664930ffdb96",
      "4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==",
      "5927782489442352469");

  /** D, {@code decrypt_message}: a single byte of padding. */
  static final Sample D2 = new Sample("123456", "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR",
      "wx49f0ab532d5d035a", "1411525903", "461056294", "74d92dfeb87ba7c714f89d98870ae5eb62dff26d",
      "RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF"
          + "6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/g"
          + "YNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So"
          + "2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6E"
          + "n749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=",
      "<xml><ToUserName><![CDATA[wx49f0ab532d5d035a]]></ToUserName>\n"
          + "<FromUserName><![CDATA[messense]]></FromUserName>\n<CreateTime>1411525903</CreateTime>\n"
          + "<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n"
          + "<MsgId>4363689963896700987</MsgId>\n<AgentID>1</AgentID>\n</xml>");

  /** F1: token, timestamp, nonce and the plain-mode signature. */
  static final String[] F1 = {"test", "1410685589", "test", "f21891de399b4e33a1a93c9a7b8a8fffb5a443ff"};
}
