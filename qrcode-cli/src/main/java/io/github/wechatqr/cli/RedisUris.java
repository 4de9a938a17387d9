package io.github.wechatqr.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Reads {@code --redis}. Picocli's own URI converter quotes the value and the parser's message, which quotes
 * it again: a password in it would be printed twice. This one names what is wrong and where, never the value.
 */
final class RedisUris implements CommandLine.ITypeConverter<URI> {
  private static final String NOT_SHOWN = " (the value is not shown: it may hold a password)";

  @Override
  public URI convert(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new CommandLine.TypeConversionException(
          "not a URI: " + e.getReason() + " at index " + e.getIndex() + NOT_SHOWN);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.startsWith("redis")) {
      throw new CommandLine.TypeConversionException(
          "not a Redis URI: write redis://HOST:PORT or rediss://HOST:PORT" + NOT_SHOWN);
    }
    return uri;
  }
}
