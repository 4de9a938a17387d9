package io.github.wechatqr.feign;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Response;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.TicketNotFound;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code showqrcode}'s answer: the image, 404 for an unknown ticket, or a failure. */
final class ImageAnswer {
  private static final Pattern MAX_AGE = Pattern.compile("max-age\\s*=\\s*(\\d{1,10})", Pattern.CASE_INSENSITIVE);

  private ImageAnswer() {}

  static QrImage read(Ticket ticket, Response response) {
    try (response) {
      int status = response.status();
      if (status == 404) {
        throw new TicketNotFound(ticket, "showqrcode answered HTTP 404");
      }
      if (status >= 500) {
        throw new UpstreamFailure(FailureKind.HTTP_5XX, "HTTP " + status);
      }
      if (status != 200) {
        throw new UpstreamFailure(FailureKind.HTTP_STATUS, "HTTP " + status);
      }
      String type = header(response, "Content-Type");
      byte[] body = body(response);
      if (!type.toLowerCase(Locale.ROOT).startsWith("image/")) {
        refusedAsJson(body);
        throw new UpstreamFailure(FailureKind.NOT_IMAGE,
            "expected an image, got " + (type.isEmpty() ? "no Content-Type" : "\"" + type + "\""));
      }
      if (body.length == 0) {
        throw new UpstreamFailure(FailureKind.MALFORMED, "an image answer without bytes");
      }
      return new QrImage(body, type, maxAge(header(response, "Cache-Control")));
    }
  }

  /** Some failures come as JSON with an errcode even here: map them like any other answer. */
  private static void refusedAsJson(byte[] body) {
    try {
      JsonNode json = WireJson.MAPPER.readTree(body);
      if (json != null && json.hasNonNull("errcode")) {
        WeChatErrors.check(json.get("errcode").asInt(), json.path("errmsg").asText(""));
      }
    } catch (IOException notJson) {
      // not JSON either: reported as a non-image answer
    }
  }

  private static byte[] body(Response response) {
    if (response.body() == null) {
      return new byte[0];
    }
    try (InputStream in = response.body().asInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UpstreamFailure(FailureKind.CONNECTION, "the image could not be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String header(Response response, String name) {
    Collection<String> values = response.headers().get(name);
    return values == null || values.isEmpty() ? "" : values.iterator().next().trim();
  }

  static Duration maxAge(String cacheControl) {
    Matcher matcher = MAX_AGE.matcher(cacheControl);
    return matcher.find() ? Duration.ofSeconds(Long.parseLong(matcher.group(1))) : null;
  }
}
