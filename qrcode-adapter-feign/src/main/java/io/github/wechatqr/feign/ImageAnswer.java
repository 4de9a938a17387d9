package io.github.wechatqr.feign;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Response;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.TicketNotFound;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;

/** Reads {@code showqrcode}'s answer: the image, 404 for an unknown ticket, or a failure. */
final class ImageAnswer {
  private static final String MAX_AGE = "max-age";

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
      if (!type.regionMatches(true, 0, "image/", 0, 6)) {
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
        WeChatErrors.check(json.get("errcode").asInt(), Redaction.text(json.path("errmsg").asText("")));
      }
    } catch (IOException notJson) {
      // not JSON either: reported as a non-image answer
    }
  }

  private static byte[] body(Response response) {
    try {
      return InMemoryBody.bytes(response.body());
    } catch (IOException e) {
      throw new UpstreamFailure(FailureKind.CONNECTION, "the image could not be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String header(Response response, String name) {
    Collection<String> values = response.headers().get(name);
    return values == null || values.isEmpty() ? "" : values.iterator().next().trim();
  }

  /** {@code max-age=N} of a Cache-Control value (any case, spaces around {@code =}), or {@code null}. */
  static Duration maxAge(String cacheControl) {
    for (int at = indexOfIgnoreCase(cacheControl, MAX_AGE, 0); at >= 0;
        at = indexOfIgnoreCase(cacheControl, MAX_AGE, at + 1)) {
      int i = skipSpaces(cacheControl, at + MAX_AGE.length());
      if (i >= cacheControl.length() || cacheControl.charAt(i) != '=') {
        continue;
      }
      i = skipSpaces(cacheControl, i + 1);
      int start = i;
      while (i < cacheControl.length() && i - start < 10 && Character.isDigit(cacheControl.charAt(i))) {
        i++;
      }
      if (i > start) {
        return Duration.ofSeconds(Long.parseLong(cacheControl, start, i, 10));
      }
    }
    return null;
  }

  private static int indexOfIgnoreCase(String text, String word, int from) {
    for (int i = from; i <= text.length() - word.length(); i++) {
      if (text.regionMatches(true, i, word, 0, word.length())) {
        return i;
      }
    }
    return -1;
  }

  private static int skipSpaces(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
