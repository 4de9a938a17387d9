package io.github.wechatqr.cli;

import java.io.IOException;

/**
 * The batch refused a file or directory someone else could have planted or could tamper with (a link, a
 * directory of another user's, a world-writable one without the sticky bit): invalid input, exit code 2.
 */
final class UnsafeOutput extends IOException {
  private static final long serialVersionUID = 1L;

  UnsafeOutput(String message) {
    super(message);
  }
}
