package io.github.wechatqr.cli;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qrcode create}: one code, printed (and its image saved with {@code --out}). */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = "Create a parametric QR code and print its ticket, url, expiry and image link.",
    footer = {"", "Examples:",
        "  qrcode create --temporary --expire 7d --scene-id 123",
        "  qrcode create --temporary --expire 10m --scene-str login-42 --json",
        "  qrcode create --permanent --scene-str shop-17 --out shop-17.jpg"})
final class CreateCommand implements Callable<Integer> {
  @Mixin
  WeChatOptions wechat;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Lifetime lifetime;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Scene scene;

  @Option(names = "--expire", converter = Durations.class, defaultValue = "30d",
      description = "Lifetime of a temporary code: 90s, 15m, 12h, 7d ... up to 30d (default: ${DEFAULT-VALUE}).")
  Duration expire;

  @Option(names = "--out", paramLabel = "FILE", description = "Save the image (JPEG) here.")
  Path out;

  @Option(names = "--json", description = "Print one JSON object: type, scene, ticket, url, expireSeconds, "
      + "expiresAt, imageUrl.")
  boolean json;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  /** {@code --temporary} or {@code --permanent}. */
  static final class Lifetime {
    @Option(names = "--temporary", required = true, description = "A code that expires (see --expire).")
    boolean temporary;

    @Option(names = "--permanent", required = true, description = "A code that never expires (100,000 per account).")
    boolean permanent;
  }

  /** {@code --scene-id} or {@code --scene-str}. */
  static final class Scene {
    @Option(names = "--scene-id", required = true, paramLabel = "N",
        description = "Numeric scene: non-zero for temporary codes, 1..100000 for permanent ones.")
    Integer id;

    @Option(names = "--scene-str", required = true, paramLabel = "S", description = "String scene, 1..64 characters.")
    String str;

    SceneValue value() {
      return id != null ? SceneValue.of(id) : SceneValue.of(str);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (lifetime.permanent && spec.commandLine().getParseResult().hasMatchedOption("--expire")) {
      throw new IllegalArgumentException("--expire applies to --temporary codes only");
    }
    Clock clock = Clock.systemUTC();
    QrCodeRequest request = lifetime.permanent
        ? QrCodeRequest.permanent(scene.value())
        : QrCodeRequest.temporary(scene.value(), expire);
    try (Wiring wiring = Wiring.forCreating(wechat, clock)) {
      var service = wiring.service();
      QrCode code = service.obtain(request);
      String imageUrl = wiring.imageUrl(code.ticket());
      if (out != null) {
        Files.write(out, service.image(code).bytes());
      }
      var printer = spec.commandLine().getOut();
      if (json) {
        printer.println(CodeOutput.JSON.writeValueAsString(CodeOutput.json(code, imageUrl)));
      } else {
        CodeOutput.human(printer, code, imageUrl);
        if (out != null) {
          printer.printf("saved     %s%n", out);
        }
      }
      printer.flush();
    }
    return ExitCodes.OK;
  }
}
